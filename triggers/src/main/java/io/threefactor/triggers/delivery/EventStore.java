package io.threefactor.triggers.delivery;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The delivery loop's SQL: claim (lease), renew, complete, release. Each is one statement, one round trip. */
public final class EventStore {
    private static final String PENDING = "delivered = 'f' AND error = 'f' AND archived = 'f'";

    // A lease is free when nobody holds it or it expired; rows locked by Hasura itself (no lease) count as expired
    // after Hasura's 30 minutes. Ordered events wait for every earlier pending event of the same row. The locked rows
    // are updated by ctid, which the lock pins (no other transaction can update them meanwhile): a plan with no join
    // to choose, right for a cached generic plan whatever the table's size.
    private static final String CLAIM = """
            WITH candidates AS (
              SELECT e.ctid FROM hdb_catalog.event_log e
              WHERE e.delivered = 'f' AND e.error = 'f' AND e.archived = 'f'
                AND e.trigger_name = ANY ($4)
                AND e.seq >= $5
                AND (e.next_retry_at IS NULL OR e.next_retry_at <= now() AT TIME ZONE 'utc')
                AND (e.locked IS NULL OR coalesce(e.lease_expires_at, e.locked + interval '30 minutes') < now())
                AND (e.ordering_key IS NULL OR NOT EXISTS (
                  SELECT 1 FROM hdb_catalog.event_log p
                  WHERE p.trigger_name = e.trigger_name AND p.ordering_key = e.ordering_key AND p.seq < e.seq
                    AND p.delivered = 'f' AND p.error = 'f' AND p.archived = 'f'))
              ORDER BY e.seq
              LIMIT $1
              FOR UPDATE SKIP LOCKED
            )
            UPDATE hdb_catalog.event_log e
            SET locked = now(), lease_owner = $2, lease_expires_at = now() + $3 * interval '1 millisecond'
            FROM candidates c
            WHERE e.ctid = c.ctid
            RETURNING e.id, e.seq, e.schema_name, e.table_name, e.trigger_name, e.payload, e.tries, e.created_at,
                      e.ordering_key
            """;

    // SKIP LOCKED: a row locked now is being completed by this instance's outcome writer; waiting on it could
    // deadlock with that write (same rows, other order), and its lease ends with the write anyway.
    private static final String RENEW = """
            UPDATE hdb_catalog.event_log
            SET lease_expires_at = now() + $3 * interval '1 millisecond'
            WHERE id IN (SELECT id FROM hdb_catalog.event_log WHERE id = ANY ($1) AND lease_owner = $2
                         FOR UPDATE SKIP LOCKED)
            """;

    private static final String RELEASE = """
            UPDATE hdb_catalog.event_log
            SET locked = NULL, lease_owner = NULL, lease_expires_at = NULL
            WHERE id = ANY ($1) AND lease_owner = $2
            """;

    private static final String RELEASE_ALL_OF_OWNER = """
            UPDATE hdb_catalog.event_log
            SET locked = NULL, lease_owner = NULL, lease_expires_at = NULL
            WHERE %s AND lease_owner = $1
            """.formatted(PENDING);

    // The attempt's invocation log and the event's new state, for a whole batch of outcomes, in one statement.
    // An event whose lease another instance took over is left alone (that instance delivers it again).
    private static final String COMPLETE = """
            WITH o AS (
              SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::int[], $7::text[],
                                   $8::bigint[])
                AS o(event_id, trigger_name, status, request, response, duration_ms, next_state, retry_delay_ms)
            ), logged AS (
              INSERT INTO hdb_catalog.event_invocation_logs
                (trigger_name, event_id, status, request, response, duration_ms, created_at)
              SELECT trigger_name, event_id, status, request::json, response::json, duration_ms,
                     now() AT TIME ZONE 'utc'
              FROM o
            )
            UPDATE hdb_catalog.event_log e
            SET tries = e.tries + 1,
                delivered = (o.next_state = 'DELIVERED'),
                error = (o.next_state = 'ERRORED'),
                next_retry_at = CASE WHEN o.next_state = 'RETRY'
                                     THEN now() AT TIME ZONE 'utc' + o.retry_delay_ms * interval '1 millisecond' END,
                locked = NULL, lease_owner = NULL, lease_expires_at = NULL
            FROM o
            WHERE e.id = o.event_id AND e.lease_owner = $9
            """;

    private final Pool pool;

    public EventStore(Pool pool) {
        this.pool = pool;
    }

    /** Claims pending events with {@code seq >= fromSeq} (0: all), lowest seq first. */
    public Future<List<ClaimedEvent>> claim(int limit, String owner, Duration lease, Collection<String> triggers,
            long fromSeq) {
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(limit, owner, lease.toMillis(), triggers.toArray(String[]::new), fromSeq))
                .map(rows -> {
                    List<ClaimedEvent> events = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        events.add(toEvent(row));
                    }
                    events.sort(Comparator.comparingLong(ClaimedEvent::seq));
                    return events;
                });
    }

    public Future<Void> renew(Collection<String> ids, String owner, Duration lease) {
        return pool.preparedQuery(RENEW).execute(Tuple.of(ids.toArray(String[]::new), owner, lease.toMillis()))
                .mapEmpty();
    }

    public Future<Void> release(Collection<String> ids, String owner) {
        return pool.preparedQuery(RELEASE).execute(Tuple.of(ids.toArray(String[]::new), owner)).mapEmpty();
    }

    /** After a restart with a stable instance id: our old leases are free at once instead of after expiry. */
    public Future<Integer> releaseAll(String owner) {
        return pool.preparedQuery(RELEASE_ALL_OF_OWNER).execute(Tuple.of(owner)).map(r -> r.rowCount());
    }

    public Future<Void> complete(List<Outcome> outcomes, String owner) {
        int n = outcomes.size();
        String[] ids = new String[n];
        String[] triggers = new String[n];
        Integer[] statuses = new Integer[n];
        String[] requests = new String[n];
        String[] responses = new String[n];
        Integer[] durations = new Integer[n];
        String[] states = new String[n];
        Long[] delays = new Long[n];
        for (int i = 0; i < n; i++) {
            Outcome o = outcomes.get(i);
            ids[i] = o.event().id();
            triggers[i] = o.event().triggerName();
            statuses[i] = o.attempt().status();
            requests[i] = o.attempt().requestJson();
            responses[i] = o.attempt().responseJson();
            durations[i] = (int) Math.min(Integer.MAX_VALUE, o.attempt().durationMs());
            states[i] = o.state().name();
            delays[i] = o.retryDelayMs();
        }
        return pool.preparedQuery(COMPLETE)
                .execute(Tuple.tuple(List.of(ids, triggers, statuses, requests, responses, durations, states, delays,
                        owner)))
                .mapEmpty();
    }

    private static ClaimedEvent toEvent(Row row) {
        Object payload = row.getValue("payload");
        JsonObject stored = payload instanceof JsonObject json ? json : new JsonObject(String.valueOf(payload));
        return new ClaimedEvent(row.getString("id"), row.getLong("seq"), row.getString("schema_name"),
                row.getString("table_name"), row.getString("trigger_name"), stored, row.getInteger("tries"),
                row.getLocalDateTime("created_at"), row.getString("ordering_key"));
    }
}
