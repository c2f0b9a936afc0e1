package io.threefactor.engine.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.Graphql;
import io.threefactor.engine.support.MetadataApi;
import io.threefactor.engine.support.MetadataApi.Answer;
import io.threefactor.engine.support.MetadataApiDatabase;
import io.threefactor.engine.support.MetadataApiProfile;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.triggers.capture.CaptureInstaller;
import io.threefactor.triggers.capture.PayloadColumns;
import io.threefactor.triggers.definition.DefinitionParser;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.MetadataApi.metadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vertx.sqlclient.Pool;
import io.threefactor.engine.runtime.MetadataStore;

/**
 * Event triggers wired into the engine: created through {@code /v1/metadata}, fired by a plain SQL INSERT, delivered
 * to a webhook served by the test with Hasura's payload, and the event calls of the metadata API.
 */
@QuarkusTest
@TestProfile(MetadataApiProfile.class)
class EventTriggerWiringTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Answer sql(String sql) {
        return MetadataApi.post("/v2/query", JSON.createObjectNode().put("type", "run_sql")
                .set("args", JSON.createObjectNode().put("sql", sql)).toString());
    }

    private static JsonNode awaitDelivery(Predicate<JsonNode> which) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            for (String body : List.copyOf(MetadataApiDatabase.RECEIVED)) {
                JsonNode payload = JSON.readTree(body);
                if (which.test(payload)) {
                    return payload;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no matching delivery; received " + MetadataApiDatabase.RECEIVED);
    }

    @Test
    void insertThroughSqlIsDeliveredToTheWebhookWithHasurasPayload() throws Exception {
        MetadataApiDatabase.RECEIVED.clear();
        Answer tracked = metadata("{'type':'pg_track_table','args':{'table':'note'}}");
        assertTrue(tracked.status() == 200 || tracked.text().contains("already-tracked"), tracked.text());
        Answer created = metadata("{'type':'pg_create_event_trigger','args':{'name':'note_created','source':'default',"
                + "'table':{'schema':'public','name':'note'},'webhook':'{{TF_TEST_WEBHOOK}}/notes',"
                + "'insert':{'columns':'*'},'update':{'columns':['importance']},'enable_manual':true,"
                + "'retry_conf':{'num_retries':2,'interval_sec':1,'timeout_sec':5},"
                + "'headers':[{'name':'x-test','value':'yes'}]}}");
        assertEquals(json("{'message':'success'}"), created.text());
        assertEquals(json("{'path':'$.args','error':'event trigger with name `note_created` already exists',"
                        + "'code':'already-exists'}"),
                metadata("{'type':'pg_create_event_trigger','args':{'name':'note_created','table':'note',"
                        + "'webhook':'http://127.0.0.1:1/x','insert':{'columns':'*'}}}").text());
        assertEquals("validation-failed", metadata("{'type':'pg_create_event_trigger','args':{'name':'bad',"
                + "'table':'note','insert':{'columns':'*'}}}").body().path("code").asText());
        JsonNode exported = metadata("{'type':'export_metadata','args':{}}").body();
        assertTrue(exported.toString().contains("\"webhook\":\"{{TF_TEST_WEBHOOK}}/notes\""), exported.toString());

        assertEquals("CommandOk", sql("INSERT INTO note (body) VALUES ('hello')").body().path("result_type").asText());
        JsonNode payload = awaitDelivery(p -> "INSERT".equals(p.at("/event/op").asText()));
        Set<String> keys = new TreeSet<>();
        payload.fieldNames().forEachRemaining(keys::add);
        assertEquals(Set.of("created_at", "delivery_info", "event", "id", "table", "trigger"), keys);
        assertEquals("hello", payload.at("/event/data/new/body").asText());
        assertTrue(payload.at("/event/data/old").isNull());
        assertEquals(json("{'schema':'public','name':'note'}"), Graphql.canonical(payload.get("table").toString()));
        assertEquals("note_created", payload.at("/trigger/name").asText());
        assertEquals(2, payload.at("/delivery_info/max_retries").asInt());
        assertEquals(0, payload.at("/delivery_info/current_retry").asInt());
        String eventId = payload.path("id").asText();

        // an update of a column not listed does not fire; of a listed one does
        sql("UPDATE note SET body = 'edited'");
        sql("UPDATE note SET importance = 5");
        JsonNode update = awaitDelivery(p -> "UPDATE".equals(p.at("/event/op").asText()));
        assertEquals(0, update.at("/event/data/old/importance").asInt());
        assertEquals(5, update.at("/event/data/new/importance").asInt());
        assertEquals("edited", update.at("/event/data/old/body").asText());

        // event log calls
        long deadline = System.currentTimeMillis() + 10_000;
        JsonNode logs;
        do {
            logs = metadata("{'type':'pg_get_event_logs','args':{'name':'note_created'}}").body();
            Thread.sleep(20);
        } while (!(logs.size() == 2 && logs.get(0).path("delivered").asBoolean() && logs.get(1).path("delivered").asBoolean())
                && System.currentTimeMillis() < deadline);
        assertEquals(2, logs.size(), logs.toString());
        JsonNode invocations = metadata("{'type':'pg_get_event_invocation_logs','args':{'name':'note_created'}}").body();
        assertTrue(invocations.size() >= 2, invocations.toString());
        assertEquals(200, invocations.get(0).path("status").asInt());
        JsonNode byId = MetadataApi.post("/v1/metadata", "{\"type\":\"pg_get_event_by_id\",\"args\":{\"event_id\":\""
                + eventId + "\"}}").body();
        assertEquals(eventId, byId.at("/event/id").asText());
        assertEquals(1, byId.path("invocations").size(), byId.toString());

        int before = MetadataApiDatabase.RECEIVED.size();
        assertEquals(json("{'message':'success'}"), MetadataApi.post("/v1/metadata",
                "{\"type\":\"pg_redeliver_event\",\"args\":{\"event_id\":\"" + eventId + "\"}}").text());
        deadline = System.currentTimeMillis() + 10_000;
        while (MetadataApiDatabase.RECEIVED.size() == before && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(eventId, JSON.readTree(MetadataApiDatabase.RECEIVED.get(before)).path("id").asText());
        assertEquals("not-exists", MetadataApi.post("/v1/metadata", "{\"type\":\"pg_redeliver_event\",\"args\":"
                + "{\"event_id\":\"00000000-0000-0000-0000-000000000000\"}}").body().path("code").asText());

        Answer invoked = metadata("{'type':'pg_invoke_event_trigger','args':{'name':'note_created',"
                + "'payload':{'hello':'world'}}}");
        assertEquals(200, invoked.status(), invoked.text());
        String manualId = invoked.body().path("event_id").asText();
        JsonNode manual = awaitDelivery(p -> manualId.equals(p.path("id").asText()));
        assertEquals("MANUAL", manual.at("/event/op").asText());
        assertEquals("world", manual.at("/event/data/new/hello").asText());
        assertEquals("admin", manual.at("/event/session_variables/x-hasura-role").asText());

        // delete: the Postgres trigger goes with it, and inserts stop firing
        assertEquals(json("{'message':'success'}"),
                metadata("{'type':'pg_delete_event_trigger','args':{'name':'note_created'}}").text());
        assertEquals(json("{'path':'$.args','error':'event trigger `note_created` does not exist','code':'not-exists'}"),
                metadata("{'type':'pg_delete_event_trigger','args':{'name':'note_created'}}").text());
        assertEquals(json("{'result_type':'TuplesOk','result':[['count'],['0']]}"), sql("SELECT count(*) FROM pg_trigger "
                + "WHERE tgrelid = 'note'::regclass AND tgname LIKE 'notify_hasura_%'").text());
        before = MetadataApiDatabase.RECEIVED.size();
        sql("INSERT INTO note (body) VALUES ('after delete')");
        Thread.sleep(500);
        assertEquals(before, MetadataApiDatabase.RECEIVED.size());
        assertFalse(metadata("{'type':'export_metadata','args':{}}").text().contains("note_created"));
        assertEquals(200, metadata("{'type':'pg_untrack_table','args':{'table':'note'}}").status());
    }

    @Test
    void webhookFromEnvAndOnDemandCleanup() throws Exception {
        Answer tracked = metadata("{'type':'pg_track_table','args':{'table':'tag'}}");
        assertTrue(tracked.status() == 200 || tracked.text().contains("already-tracked"), tracked.text());
        assertEquals(json("{'message':'success'}"), metadata("{'type':'pg_create_event_trigger','args':{"
                + "'name':'tag_changes','table':'tag','webhook_from_env':'TF_TEST_WEBHOOK','delete':{'columns':'*'},"
                + "'insert':{'columns':['label'],'payload':['label']}}}").text());
        sql("INSERT INTO tag (label) VALUES ('env')");
        JsonNode payload = awaitDelivery(p -> "tag_changes".equals(p.at("/trigger/name").asText()));
        assertEquals(json("{'label':'env'}"), Graphql.canonical(payload.at("/event/data/new").toString()));
        Answer cleaned = metadata("{'type':'pg_delete_event_logs','args':{'name':'tag_changes','clear_older_than':0}}");
        assertEquals(200, cleaned.status(), cleaned.text());
        assertEquals(json("{'message':'success'}"),
                metadata("{'type':'pg_delete_event_trigger','args':{'name':'tag_changes'}}").text());
        assertEquals(200, metadata("{'type':'pg_untrack_table','args':{'table':'tag'}}").status());
    }
    @Inject
    Pool pool;

    @Inject
    MetadataStore metadataStore;

    @Test
    void anotherInstancesTriggerIsDeliveredAfterItsNotify() throws Exception {
        Answer tracked = metadata("{'type':'pg_track_table','args':{'table':'note'}}");
        assertTrue(tracked.status() == 200 || tracked.text().contains("already-tracked"), tracked.text());
        // the other instance installs the Postgres side and saves metadata; this one only hears the NOTIFY
        ObjectNode entry = (ObjectNode) JSON.readTree("{\"name\":\"note_remote\",\"definition\":{\"enable_manual\":false,"
                + "\"insert\":{\"columns\":\"*\"}},\"retry_conf\":{\"interval_sec\":1,\"num_retries\":0,"
                + "\"timeout_sec\":5},\"webhook_from_env\":\"TF_TEST_WEBHOOK\"}");
        new CaptureInstaller(pool, new PayloadColumns(false)).install(DefinitionParser.metadataEntry(
                new io.threefactor.triggers.definition.QualifiedTable("public", "note"), entry))
                .toCompletionStage().toCompletableFuture().get();
        var store = metadataStore;
        var stored = store.load().toCompletionStage().toCompletableFuture().get();
        ObjectNode doc = stored.document().deepCopy();
        for (JsonNode t : doc.at("/sources/0/tables")) {
            if ("note".equals(t.at("/table/name").asText())) {
                ((ObjectNode) t).putArray("event_triggers").add(entry);
            }
        }
        store.save(doc, stored.resourceVersion()).toCompletionStage().toCompletableFuture().get();
        long deadline = System.currentTimeMillis() + 10_000;
        while (events.triggers().definition("note_remote").isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(events.triggers().definition("note_remote").isPresent());
        sql("INSERT INTO note (body) VALUES ('remote')");
        JsonNode payload = awaitDelivery(p -> "note_remote".equals(p.at("/trigger/name").asText()));
        assertEquals("remote", payload.at("/event/data/new/body").asText());
        // the other instance deletes it: this one stops delivering, and drops nothing itself
        stored = store.load().toCompletionStage().toCompletableFuture().get();
        doc = stored.document().deepCopy();
        for (JsonNode t : doc.at("/sources/0/tables")) {
            if ("note".equals(t.at("/table/name").asText())) {
                ((ObjectNode) t).remove("event_triggers");
            }
        }
        store.save(doc, stored.resourceVersion()).toCompletionStage().toCompletableFuture().get();
        deadline = System.currentTimeMillis() + 10_000;
        while (events.triggers().definition("note_remote").isPresent() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(events.triggers().definition("note_remote").isEmpty());
        assertEquals(json("{'result_type':'TuplesOk','result':[['count'],['1']]}"), sql("SELECT count(*) FROM pg_trigger "
                + "WHERE tgname = 'notify_hasura_note_remote_INSERT'").text());
        new CaptureInstaller(pool, new PayloadColumns(false)).drop("note_remote").toCompletionStage().toCompletableFuture().get();
        sql("DELETE FROM note WHERE body = 'remote'");
        if (tracked.status() == 200) {
            assertEquals(200, metadata("{'type':'pg_untrack_table','args':{'table':'note'}}").status());
        }
    }

    @Inject
    EventTriggerService events;
}
