package io.threefactor.triggers.api;

import io.threefactor.triggers.capture.EventLogSchema;
import io.threefactor.triggers.definition.EventTriggerDefinition;
import io.threefactor.triggers.delivery.TriggerRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * The event operations of {@code /v1/metadata}: {@code pg_redeliver_event}, {@code pg_invoke_event_trigger},
 * {@code pg_get_event_logs}, {@code pg_get_event_invocation_logs}, {@code pg_get_event_by_id}. Results are JSON in
 * Hasura's shapes, built by Postgres.
 */
public final class EventLogApi {
    private static final String EVENT_COLUMNS = "id, schema_name, table_name, trigger_name, payload, delivered, error, "
            + "tries, created_at, locked, next_retry_at, archived";
    private static final String INVOCATION_COLUMNS = "id, trigger_name, event_id, status, request, response, "
            + "created_at";

    private final Pool pool;
    private final TriggerRegistry triggers;

    public EventLogApi(Pool pool, TriggerRegistry triggers) {
        this.pool = pool;
        this.triggers = triggers;
    }

    /** {@code pg_redeliver_event}: the event is pending again with its tries reset, and deliverers are woken. */
    public Future<Void> redeliver(String eventId) {
        return pool.preparedQuery("""
                        WITH reset AS (
                          UPDATE hdb_catalog.event_log
                          SET delivered = 'f', error = 'f', tries = 0, next_retry_at = NULL,
                              locked = NULL, lease_owner = NULL, lease_expires_at = NULL,
                              seq = DEFAULT -- at the head, where NOTIFY-woken claims look first
                          WHERE id = $1 RETURNING id)
                        SELECT id, pg_notify('%s', '') FROM reset
                        """.formatted(EventLogSchema.NOTIFY_CHANNEL))
                .execute(Tuple.of(eventId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new TriggerNotFoundException("event " + eventId + " does not exist");
                    }
                    return null;
                });
    }

    /**
     * {@code pg_invoke_event_trigger}: a MANUAL event with {@code data.new} = payload, carrying the caller's session
     * variables (a JSON object of x-hasura-* values, or null). Returns {@code {"event_id": ...}}.
     */
    public Future<JsonObject> invoke(String triggerName, Object payload, JsonObject sessionVariables) {
        EventTriggerDefinition trigger = triggers.find(triggerName)
                .orElseThrow(() -> new TriggerNotFoundException("event trigger " + triggerName + " does not exist"));
        if (!trigger.enableManual()) {
            return Future.failedFuture(new IllegalArgumentException(
                    "manual invocation is not enabled for event trigger " + triggerName));
        }
        String newRow = payload == null ? "null" : Json.encode(payload);
        return pool.withTransaction(conn -> conn
                .preparedQuery("SELECT set_config('hasura.user', $1, true)")
                .execute(Tuple.of(sessionVariables == null ? "" : sessionVariables.encode()))
                .compose(v -> conn.preparedQuery("""
                                SELECT hdb_catalog.tf_insert_event_log($1, $2, $3, 'MANUAL',
                                         json_build_object('old', NULL, 'new', $4::text::json), NULL) AS id
                                """)
                        .execute(Tuple.of(trigger.table().schema(), trigger.table().name(), triggerName, newRow)))
                .map(rows -> new JsonObject().put("event_id", rows.iterator().next().getString("id"))));
    }

    /** {@code pg_get_event_logs}: newest first. */
    public Future<JsonArray> eventLogs(String triggerName, EventStatusFilter status, int limit, int offset) {
        return jsonArray("SELECT " + EVENT_COLUMNS + " FROM hdb_catalog.event_log WHERE trigger_name = $1 AND "
                + status.sql + " ORDER BY created_at DESC, seq DESC LIMIT $2 OFFSET $3",
                Tuple.of(triggerName, limit, offset));
    }

    /** {@code pg_get_event_invocation_logs}: newest first. */
    public Future<JsonArray> invocationLogs(String triggerName, int limit, int offset) {
        return jsonArray("SELECT " + INVOCATION_COLUMNS + " FROM hdb_catalog.event_invocation_logs "
                + "WHERE trigger_name = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3",
                Tuple.of(triggerName, limit, offset));
    }

    /** {@code pg_get_event_by_id}: {@code {"event": {...}, "invocations": [...]}} (invocations newest first). */
    public Future<JsonObject> eventById(String eventId, int invocationLimit, int invocationOffset) {
        return pool.preparedQuery("""
                        SELECT json_build_object(
                          'event', (SELECT row_to_json(e) FROM (SELECT %s FROM hdb_catalog.event_log
                                                                WHERE id = $1) e),
                          'invocations', (SELECT coalesce(json_agg(i), '[]') FROM (
                                           SELECT %s FROM hdb_catalog.event_invocation_logs WHERE event_id = $1
                                           ORDER BY created_at DESC, id LIMIT $2 OFFSET $3) i))::text AS doc
                        """.formatted(EVENT_COLUMNS, INVOCATION_COLUMNS))
                .execute(Tuple.of(eventId, invocationLimit, invocationOffset))
                .map(rows -> {
                    JsonObject doc = new JsonObject(rows.iterator().next().getString("doc"));
                    if (doc.getValue("event") == null) {
                        throw new TriggerNotFoundException("event " + eventId + " does not exist");
                    }
                    return doc;
                });
    }

    private Future<JsonArray> jsonArray(String select, Tuple params) {
        return pool.preparedQuery("SELECT coalesce(json_agg(x), '[]')::text AS doc FROM (" + select + ") x")
                .execute(params)
                .map(rows -> new JsonArray(rows.iterator().next().getString("doc")));
    }
}
