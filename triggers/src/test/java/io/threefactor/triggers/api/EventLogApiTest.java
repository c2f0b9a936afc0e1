package io.threefactor.triggers.api;

import io.threefactor.triggers.EventTriggers;
import io.threefactor.triggers.TriggerAlreadyExistsException;
import io.threefactor.triggers.definition.CreateEventTrigger;
import io.threefactor.triggers.definition.QualifiedTable;
import io.threefactor.triggers.definition.RetryConf;
import io.threefactor.triggers.support.TriggersTestBase;
import io.threefactor.triggers.support.WebhookReceiver.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.threefactor.triggers.support.Await.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The /v1/metadata event operations. */
class EventLogApiTest extends TriggersTestBase {

    @Test
    void invoke_creates_a_manual_event_with_the_callers_session_variables() {
        QualifiedTable table = newTable("manual");
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("manual_trigger", table).insert(null).enableManual(true).build()));
        await(triggers.start());

        JsonObject result = await(triggers.api().invoke("manual_trigger", new JsonObject().put("id", 7),
                new JsonObject().put("x-hasura-role", "admin")));

        await().atMost(Duration.ofSeconds(5)).until(() -> webhook.count() == 1);
        JsonObject body = webhook.received().get(0).body();
        assertEquals(result.getString("event_id"), body.getString("id"));
        assertEquals("MANUAL", body.getJsonObject("event").getString("op"));
        assertEquals(new JsonObject().put("old", null).put("new", new JsonObject().put("id", 7)),
                body.getJsonObject("event").getJsonObject("data"));
        assertEquals("admin", body.getJsonObject("event").getJsonObject("session_variables")
                .getString("x-hasura-role"));
    }

    @Test
    void invoke_is_refused_when_manual_invocation_is_not_enabled_or_the_trigger_is_unknown() {
        QualifiedTable table = newTable("no_manual");
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("no_manual", table).build()));

        assertThrows(IllegalArgumentException.class, () -> await(triggers.api().invoke("no_manual", null, null)));
        assertThrows(TriggerNotFoundException.class, () -> triggers.api().invoke("missing", null, null));
    }

    @Test
    void create_refuses_an_existing_name_unless_replace_is_set() {
        QualifiedTable table = newTable("create");
        EventTriggers triggers = instance(fastConfig());
        var definition = webhookTrigger("created_once", table).build();
        await(triggers.create(new CreateEventTrigger(definition, false, "default")));

        assertThrows(TriggerAlreadyExistsException.class,
                () -> await(triggers.create(new CreateEventTrigger(definition, false, "default"))));
        await(triggers.create(new CreateEventTrigger(definition, true, "default")));
    }

    @Test
    void event_logs_invocation_logs_and_event_by_id_return_hasuras_shapes() {
        QualifiedTable table = newTable("logs");
        webhook.behave(r -> r.body().getJsonObject("event").getJsonObject("data").getJsonObject("new")
                .getString("name").equals("bad") ? Reply.status(500) : Reply.OK);
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("logged", table).retryConf(new RetryConf(0, 0, 5)).build()));
        await(triggers.start());
        sql("INSERT INTO " + table.quoted() + " (name) VALUES ('good'), ('bad')");
        await().atMost(Duration.ofSeconds(5)).until(() -> count("SELECT count(*) FROM hdb_catalog.event_log "
                + "WHERE trigger_name = 'logged' AND (delivered OR error)") == 2);
        await(triggers.stop());
        sql("INSERT INTO " + table.quoted() + " (name) VALUES ('waiting')");

        JsonArray pending = await(triggers.api().eventLogs("logged", EventStatusFilter.PENDING, 10, 0));
        JsonArray processed = await(triggers.api().eventLogs("logged", EventStatusFilter.PROCESSED, 10, 0));
        JsonArray all = await(triggers.api().eventLogs("logged", EventStatusFilter.ALL, 10, 0));
        JsonArray invocations = await(triggers.api().invocationLogs("logged", 10, 0));

        assertEquals(1, pending.size());
        assertEquals(2, processed.size());
        assertEquals(3, all.size());
        assertEquals(List.of("id", "schema_name", "table_name", "trigger_name", "payload", "delivered", "error",
                "tries", "created_at", "locked", "next_retry_at", "archived"),
                List.copyOf(pending.getJsonObject(0).fieldNames()));
        assertEquals(2, invocations.size());
        String badId = processed.stream().map(JsonObject.class::cast).filter(e -> e.getBoolean("error"))
                .findFirst().orElseThrow().getString("id");
        JsonObject byId = await(triggers.api().eventById(badId, 10, 0));
        assertEquals(badId, byId.getJsonObject("event").getString("id"));
        assertEquals(1, byId.getJsonArray("invocations").size());
        assertEquals(500, byId.getJsonArray("invocations").getJsonObject(0).getInteger("status"));
        assertThrows(TriggerNotFoundException.class, () -> await(triggers.api().eventById("nope", 10, 0)));
        assertThrows(TriggerNotFoundException.class, () -> await(triggers.api().redeliver("nope")));
    }
}
