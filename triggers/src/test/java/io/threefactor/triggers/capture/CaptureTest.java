package io.threefactor.triggers.capture;

import io.threefactor.triggers.EventTriggers;
import io.threefactor.triggers.definition.ColumnSelection;
import io.threefactor.triggers.definition.DefinitionParser;
import io.threefactor.triggers.definition.EventTriggerDefinition;
import io.threefactor.triggers.definition.InvalidDefinitionException;
import io.threefactor.triggers.definition.OperationSpec;
import io.threefactor.triggers.definition.QualifiedTable;
import io.threefactor.triggers.support.TriggersTestBase;
import io.threefactor.triggers.support.WebhookReceiver;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.threefactor.triggers.support.Await.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Capture: what the Postgres triggers write, and when. */
class CaptureTest extends TriggersTestBase {

    @Test
    void an_insert_is_delivered_with_hasuras_payload_including_session_variables_and_trace_context() {
        QualifiedTable table = newTable("orders");
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("order_created", table).retryConf(
                new io.threefactor.triggers.definition.RetryConf(3, 1, 5)).build()));
        await(triggers.start());

        // What the engine does in its mutation transaction.
        await(pool.withTransaction(conn -> conn
                .preparedQuery("SELECT set_config('hasura.user', $1, true), set_config('hasura.tracecontext', $2, true)")
                .execute(Tuple.of("{\"x-hasura-role\":\"coach\",\"x-hasura-user-id\":\"42\"}",
                        "{\"trace_id\":\"abc\",\"span_id\":\"def\"}"))
                .compose(v -> conn.query("INSERT INTO " + table.quoted()
                        + " (name, status, details) VALUES ('first', 'pending', '{\"k\": [1, 2]}')").execute())));

        awaitDeliveries(1);
        JsonObject body = webhook.received().get(0).body();
        JsonObject event = body.getJsonObject("event");
        assertEquals(new JsonObject().put("x-hasura-role", "coach").put("x-hasura-user-id", "42"),
                event.getJsonObject("session_variables"));
        assertEquals("INSERT", event.getString("op"));
        assertNull(event.getJsonObject("data").getValue("old"));
        assertEquals(new JsonObject().put("id", 1).put("name", "first").put("status", "pending")
                        .put("details", new JsonObject().put("k", new io.vertx.core.json.JsonArray().add(1).add(2))),
                event.getJsonObject("data").getJsonObject("new"));
        assertEquals(new JsonObject().put("trace_id", "abc").put("span_id", "def"), event.getJsonObject("trace_context"));
        assertEquals(new JsonObject().put("max_retries", 3).put("current_retry", 0), body.getJsonObject("delivery_info"));
        assertEquals(new JsonObject().put("name", "order_created"), body.getJsonObject("trigger"));
        assertEquals(new JsonObject().put("schema", "public").put("name", table.name()), body.getJsonObject("table"));
        assertTrue(body.getString("created_at").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"),
                body.getString("created_at"));
        assertEquals(eventIdsOf("order_created").get(0), body.getString("id"));
        assertEquals(List.of("event", "created_at", "id", "delivery_info", "trigger", "table"),
                List.copyOf(body.fieldNames()));
        assertEquals("application/json", webhook.received().get(0).headers().get("content-type"));
    }

    @Test
    void without_session_variables_the_payload_has_null_session_variables() {
        QualifiedTable table = newTable("plain");
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("plain_insert", table).build()));
        await(triggers.start());

        sql("INSERT INTO " + table.quoted() + " (name) VALUES ('x')");

        awaitDeliveries(1);
        JsonObject event = webhook.received().get(0).body().getJsonObject("event");
        assertTrue(event.containsKey("session_variables"));
        assertNull(event.getValue("session_variables"));
    }

    @Test
    void update_and_delete_payloads_carry_old_and_new_rows() {
        QualifiedTable table = newTable("rows");
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("row_changes", table).insert(null)
                .update(OperationSpec.allColumns()).delete(OperationSpec.allColumns()).build()));
        await(triggers.start());
        sql("INSERT INTO " + table.quoted() + " (name, status) VALUES ('a', 'new')");

        sql("UPDATE " + table.quoted() + " SET status = 'done'");
        sql("DELETE FROM " + table.quoted());

        awaitDeliveries(2);
        List<JsonObject> events = webhook.received().stream().map(r -> r.body().getJsonObject("event"))
                .sorted((a, b) -> a.getString("op").compareTo(b.getString("op"))).toList();
        JsonObject delete = events.get(0);
        JsonObject update = events.get(1);
        assertEquals("UPDATE", update.getString("op"));
        assertEquals("new", update.getJsonObject("data").getJsonObject("old").getString("status"));
        assertEquals("done", update.getJsonObject("data").getJsonObject("new").getString("status"));
        assertEquals("DELETE", delete.getString("op"));
        assertEquals("done", delete.getJsonObject("data").getJsonObject("old").getString("status"));
        assertNull(delete.getJsonObject("data").getValue("new"));
    }

    @Test
    void the_event_row_is_written_in_the_same_transaction_as_the_change() {
        QualifiedTable table = newTable("same_tx");
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("same_tx_insert", table).build()));

        long[] insideTransaction = new long[1];
        await(pool.withTransaction(conn -> conn.query("INSERT INTO " + table.quoted() + " (name) VALUES ('x')")
                .execute()
                .compose(v -> conn.query("SELECT count(*) FROM hdb_catalog.event_log "
                        + "WHERE trigger_name = 'same_tx_insert'").execute())
                .map(rows -> insideTransaction[0] = rows.iterator().next().getLong(0))
                .compose(v -> pool.query("SELECT count(*) FROM hdb_catalog.event_log "
                        + "WHERE trigger_name = 'same_tx_insert'").execute())
                .map(rows -> {
                    assertEquals(0L, rows.iterator().next().getLong(0), "not visible before commit");
                    return null;
                })));

        assertEquals(1L, insideTransaction[0]);
        assertEquals(1L, count("SELECT count(*) FROM hdb_catalog.event_log WHERE trigger_name = 'same_tx_insert'"));
    }

    @Test
    void a_rolled_back_transaction_produces_no_event() throws Exception {
        QualifiedTable table = newTable("rollback");
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("rollback_insert", table).build()));
        await(triggers.start());

        await(pool.getConnection().compose(conn -> conn.begin()
                .compose(tx -> conn.query("INSERT INTO " + table.quoted() + " (name) VALUES ('never')").execute()
                        .compose(v -> tx.rollback()))
                .eventually(() -> conn.close())));
        Thread.sleep(1500); // longer than the poll interval

        assertEquals(0L, count("SELECT count(*) FROM hdb_catalog.event_log WHERE trigger_name = 'rollback_insert'"));
        assertEquals(0, webhook.count());
    }

    @Test
    void an_update_fires_only_when_a_listed_column_changes() {
        QualifiedTable table = newTable("columns");
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("status_changed", table).insert(null)
                .update(new OperationSpec(ColumnSelection.of(List.of("status", "details")), ColumnSelection.ALL))
                .build()));
        sql("INSERT INTO " + table.quoted() + " (name, status, details) VALUES ('a', 'new', NULL)");

        sql("UPDATE " + table.quoted() + " SET name = 'renamed'");
        sql("UPDATE " + table.quoted() + " SET status = 'new'");
        assertEquals(0L, eventCount("status_changed"), "unlisted column or same value: no event");

        sql("UPDATE " + table.quoted() + " SET status = 'done'");
        assertEquals(1L, eventCount("status_changed"));
        sql("UPDATE " + table.quoted() + " SET details = '{\"a\": 1}'");
        assertEquals(2L, eventCount("status_changed"), "NULL to a value is a change, for jsonb too");
        sql("UPDATE " + table.quoted() + " SET status = NULL");
        assertEquals(3L, eventCount("status_changed"), "a value to NULL is a change");
    }

    @Test
    void payload_columns_limit_what_data_carries() {
        QualifiedTable table = newTable("payload_cols");
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("slim", table)
                .insert(new OperationSpec(ColumnSelection.ALL, ColumnSelection.of(List.of("id", "status"))))
                .build()));

        sql("INSERT INTO " + table.quoted() + " (name, status) VALUES ('secret', 'new')");

        JsonObject stored = new JsonObject(sql("SELECT payload::text FROM hdb_catalog.event_log "
                + "WHERE trigger_name = 'slim'").iterator().next().getString(0));
        assertEquals(new JsonObject().put("id", 1).put("status", "new"),
                stored.getJsonObject("data").getJsonObject("new"));
    }

    @Test
    void names_with_quotes_and_spaces_are_quoted_not_injected() {
        sql("CREATE SCHEMA IF NOT EXISTS \"my schema\"");
        sql("CREATE TABLE \"my schema\".\"odd \"\"table\"\"\" (id int PRIMARY KEY, \"we'ird\" text)");
        QualifiedTable table = new QualifiedTable("my schema", "odd \"table\"");
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("odd-Name_1", table)
                .insert(new OperationSpec(ColumnSelection.ALL, ColumnSelection.of(List.of("we'ird")))).build()));

        sql("INSERT INTO \"my schema\".\"odd \"\"table\"\"\" VALUES (1, 'it''s')");

        io.vertx.sqlclient.Row row = sql("SELECT schema_name, table_name, payload::text FROM hdb_catalog.event_log "
                + "WHERE trigger_name = 'odd-Name_1'").iterator().next();
        assertEquals("my schema", row.getString(0));
        assertEquals("odd \"table\"", row.getString(1));
        assertEquals("it's", new JsonObject(row.getString(2)).getJsonObject("data").getJsonObject("new")
                .getString("we'ird"));
        assertEquals(1L, count("SELECT count(*) FROM pg_proc WHERE proname = 'notify_hasura_odd-Name_1_INSERT'"));
    }

    @Test
    void several_instances_installing_the_same_trigger_at_once_do_not_trip_over_each_other() {
        QualifiedTable table = newTable("concurrent_install");
        EventTriggers a = instance(fastConfig());
        EventTriggers b = instance(fastConfig());
        var definition = webhookTrigger("concurrent_install", table).build();

        await(io.vertx.core.Future.all(java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> (i % 2 == 0 ? a : b).install(definition)).toList()));

        sql("INSERT INTO " + table.quoted() + " (name) VALUES ('once')");
        assertEquals(1L, eventCount("concurrent_install"));
    }

    @Test
    void trigger_names_follow_hasuras_rules() {
        QualifiedTable table = new QualifiedTable("public", "t");
        for (String bad : List.of("1abc", "has space", "semi;colon", "quote\"d", "",
                "a".repeat(43))) {
            assertThrows(InvalidDefinitionException.class,
                    () -> webhookTrigger(bad, table).build(), "rejects " + bad);
        }
        webhookTrigger("a".repeat(42), table).build();
        webhookTrigger("Valid-name_2", table).build();
    }

    @Test
    void replacing_a_trigger_changes_what_fires_and_dropping_it_removes_its_functions() {
        QualifiedTable table = newTable("lifecycle");
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("lifecycle", table).build()));
        sql("INSERT INTO " + table.quoted() + " (name) VALUES ('a')");
        assertEquals(1L, eventCount("lifecycle"));

        await(triggers.install(webhookTrigger("lifecycle", table).insert(null).delete(OperationSpec.allColumns())
                .build()));
        sql("INSERT INTO " + table.quoted() + " (name) VALUES ('b')");
        assertEquals(1L, eventCount("lifecycle"), "insert no longer fires");
        sql("DELETE FROM " + table.quoted() + " WHERE name = 'b'");
        assertEquals(2L, eventCount("lifecycle"));
        assertEquals(1L, count("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'notify_hasura_lifecycle_%'"));

        await(triggers.drop("lifecycle"));
        sql("DELETE FROM " + table.quoted());
        assertEquals(2L, eventCount("lifecycle"));
        assertEquals(0L, count("SELECT count(*) FROM pg_proc WHERE proname LIKE 'notify_hasura_lifecycle_%'"));
        assertEquals(2L, count("SELECT count(*) FROM hdb_catalog.event_log WHERE trigger_name = 'lifecycle' "
                + "AND archived"));
    }

    @Test
    void hasura_metadata_and_create_arguments_parse_into_definitions() {
        EventTriggerDefinition fromMetadata = DefinitionParser.metadataEntry(new QualifiedTable("public", "asset"), """
                {"name": "asset_inserted",
                 "definition": {"enable_manual": true, "insert": {"columns": "*"},
                                "update": {"columns": ["status"], "payload": ["id", "status"]}},
                 "retry_conf": {"num_retries": 5, "interval_sec": 2, "timeout_sec": 30},
                 "webhook_from_env": "PROCESS_IMAGE_URL",
                 "headers": [{"name": "x-a", "value": "1"}, {"name": "x-secret", "value_from_env": "SECRET"}]}
                """);
        assertEquals("asset_inserted", fromMetadata.name());
        assertTrue(fromMetadata.enableManual());
        assertNull(fromMetadata.delete());
        assertEquals(ColumnSelection.of(List.of("status")), fromMetadata.update().columns());
        assertEquals(5, fromMetadata.retryConf().numRetries());
        assertEquals(new io.threefactor.triggers.definition.Target.WebhookFromEnv("PROCESS_IMAGE_URL"),
                fromMetadata.target());
        assertEquals(2, fromMetadata.headers().size());

        var create = DefinitionParser.createArgs("""
                {"name": "publish", "table": {"schema": "public", "name": "publish_program"},
                 "function": "publish-program", "insert": {"columns": "*"}, "replace": true,
                 "ordered_by_primary_key": true}
                """);
        assertTrue(create.replace());
        assertTrue(create.definition().orderedByPrimaryKey());
        assertEquals(new io.threefactor.triggers.definition.Target.Function("publish-program"),
                create.definition().target());
        assertThrows(InvalidDefinitionException.class, () -> DefinitionParser.createArgs(
                "{\"name\": \"x\", \"table\": \"t\", \"insert\": {\"columns\": \"*\"}}"));
    }

    private long eventCount(String trigger) {
        return count("SELECT count(*) FROM hdb_catalog.event_log WHERE trigger_name = $1", trigger);
    }

    private List<String> eventIdsOf(String trigger) {
        List<String> ids = new java.util.ArrayList<>();
        sql("SELECT id FROM hdb_catalog.event_log WHERE trigger_name = $1", trigger).forEach(r -> ids.add(r.getString(0)));
        return ids;
    }

    private void awaitDeliveries(int n) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> webhook.count() >= n);
    }
}
