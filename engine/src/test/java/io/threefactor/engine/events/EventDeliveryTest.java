package io.threefactor.engine.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.Graphql;
import io.threefactor.engine.support.MetadataApi;
import io.threefactor.engine.support.MetadataApi.Answer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Event triggers of the running engine end to end, on the coaching app: seeded rows raise events, a trigger whose
 * webhook is {@code channel://<channel>} publishes a GraphQL mutation's event to a real RabbitMQ queue through
 * SmallRye Reactive Messaging, and delivery is visible per trigger on {@code /q/metrics}.
 */
@QuarkusTest
@TestProfile(EventsProfile.class)
class EventDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADA = "c0ac0000-0000-4000-8000-000000000001";
    private static final String PROGRAM = "9a0a0000-0000-4000-8000-000000000001";

    @Test
    void seedRowsRaiseEventsBecauseMetadataIsAppliedBeforeSeeds() throws Exception {
        Set<String> seededAssets = new TreeSet<>();
        for (int i = 1; i <= 6; i++) {
            seededAssets.add("a55e0000-0000-4000-8000-00000000000" + i);
        }
        Set<String> delivered = new TreeSet<>();
        awaitTrue(() -> {
            delivered.clear();
            for (Map.Entry<String, String> request : List.copyOf(EventsDatabase.RECEIVED)) {
                JsonNode payload = read(request.getValue());
                if (request.getKey().equals("/process-image") && "INSERT".equals(payload.at("/event/op").asText())) {
                    delivered.add(payload.at("/event/data/new/id").asText());
                }
            }
            return delivered.equals(seededAssets);
        }, () -> "process-image deliveries: " + delivered);
    }

    @Test
    void aChannelTargetPublishesAMutationsEventToRabbitMqOnceTheBrokerConfirms() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        try (Connection connection = factory.newConnection(); Channel rabbit = connection.createChannel()) {
            // The same exchange the connector declares, and a queue of the test's own bound to it.
            rabbit.exchangeDeclare(EventsDatabase.EXCHANGE, "topic", false, false, null);
            String queue = rabbit.queueDeclare().getQueue();
            rabbit.queueBind(queue, EventsDatabase.EXCHANGE, "#");

            // Hasura-compatible metadata: a webhook URL with the channel scheme (and threefactor's "channel" field).
            assertSuccess(metadata("{'type':'pg_create_event_trigger','args':{'name':'publish_to_rabbit',"
                    + "'table':'publish_program','webhook':'channel://" + EventsDatabase.CHANNEL + "',"
                    + "'insert':{'columns':'*'},'retry_conf':{'num_retries':0,'interval_sec':1,'timeout_sec':10}}}"));
            assertSuccess(metadata("{'type':'pg_create_event_trigger','args':{'name':'publish_nowhere',"
                    + "'table':'publish_program','channel':'not-configured','insert':{'columns':'*'}}}"));

            String intent = read(Graphql.query("mutation ($p: uuid!, $by: uuid!) { insert_publish_program_one("
                    + "object: {program_id: $p, requested_by: $by}) { id } }", Map.of("p", PROGRAM, "by", ADA)))
                    .at("/data/insert_publish_program_one/id").asText();

            GetResponse[] got = new GetResponse[1];
            awaitTrue(() -> (got[0] = rabbit.basicGet(queue, true)) != null, () -> "nothing on the queue");
            JsonNode payload = read(new String(got[0].getBody(), StandardCharsets.UTF_8));
            assertEquals("publish_to_rabbit", payload.at("/trigger/name").asText());
            assertEquals("INSERT", payload.at("/event/op").asText());
            assertEquals(intent, payload.at("/event/data/new/id").asText());
            assertEquals("admin", payload.at("/event/session_variables/x-hasura-role").asText());
            assertEquals(payload.path("id").asText(), got[0].getProps().getMessageId(), "consumers dedupe by it");
            assertEquals("application/json", got[0].getProps().getContentType());
            assertEquals(2, got[0].getProps().getDeliveryMode(), "persistent");

            awaitTrue(() -> sqlValue("SELECT delivered FROM hdb_catalog.event_log WHERE id = '"
                    + payload.path("id").asText() + "'").equals("t"), () -> "not marked delivered");
            assertEquals("200 channel_ack", sqlValue("SELECT status || ' ' || (response::jsonb->>'type') FROM "
                    + "hdb_catalog.event_invocation_logs WHERE event_id = '" + payload.path("id").asText() + "'"));
            // A channel with no mp.messaging configuration is a failed attempt (here: errored), never a lost event.
            awaitTrue(() -> sqlValue("SELECT error FROM hdb_catalog.event_log WHERE trigger_name = 'publish_nowhere'")
                    .equals("t"), () -> "publish_nowhere not errored");
            assertTrue(sqlValue("SELECT response FROM hdb_catalog.event_invocation_logs "
                    + "WHERE trigger_name = 'publish_nowhere'").contains("no message channel not-configured"));
            rabbit.exchangeDelete(EventsDatabase.EXCHANGE);
        } finally {
            metadata("{'type':'pg_delete_event_trigger','args':{'name':'publish_to_rabbit'}}");
            metadata("{'type':'pg_delete_event_trigger','args':{'name':'publish_nowhere'}}");
        }
    }

    @Test
    void qMetricsShowsPendingEventsAttemptsFailuresAndLagPerTrigger() throws Exception {
        assertSuccess(metadata("{'type':'pg_create_event_trigger','args':{'name':'always_failing','table':'publish_program',"
                + "'webhook_from_env':'TF_FAILING_WEBHOOK','insert':{'columns':'*'},"
                + "'retry_conf':{'num_retries':5,'interval_sec':3600,'timeout_sec':10}}}"));
        try {
            Graphql.query("mutation ($p: uuid!, $by: uuid!) { insert_publish_program_one(object: {program_id: $p, "
                    + "requested_by: $by}) { id } }", Map.of("p", PROGRAM, "by", ADA));
            awaitTrue(() -> EventsDatabase.RECEIVED.stream().anyMatch(r -> r.getKey().equals("/fail")),
                    () -> "the failing webhook was not called");
            List<String> expected = List.of(
                    // one failed attempt, retried in an hour: pending (the gauge is refreshed every 5 s)
                    "threefactor_events_pending{trigger=\"always_failing\"} 1.0",
                    "threefactor_events_attempts_total{outcome=\"retry\",trigger=\"always_failing\"} 1.0",
                    "threefactor_events_failures_total{trigger=\"always_failing\"} 1.0",
                    // the six seeded assets, delivered at start-up
                    "threefactor_events_pending{trigger=\"process_image\"} 0.0",
                    "threefactor_events_attempts_total{outcome=\"delivered\",trigger=\"process_image\"} 6.0",
                    "threefactor_events_delivery_lag_seconds_count{trigger=\"process_image\"} 6");
            String[] metrics = new String[1];
            awaitTrue(() -> {
                metrics[0] = given().get("/q/metrics").then().statusCode(200).extract().asString();
                return expected.stream().allMatch(metrics[0]::contains);
            }, () -> "expected " + expected + " in\n" + eventLines(metrics[0]));
        } finally {
            metadata("{'type':'pg_delete_event_trigger','args':{'name':'always_failing'}}");
        }
    }

    private static Answer metadata(String singleQuoted) {
        return MetadataApi.post("/v1/metadata", Graphql.json(singleQuoted), null, null);
    }

    private static void assertSuccess(Answer answer) {
        assertEquals(Graphql.json("{'message':'success'}"), answer.text());
    }

    private static String sqlValue(String sql) {
        Answer answer = MetadataApi.post("/v2/query", JSON.createObjectNode().put("type", "run_sql")
                .set("args", JSON.createObjectNode().put("sql", sql)).toString(), null, null);
        JsonNode rows = answer.body().path("result");
        return rows.size() < 2 ? "" : rows.get(1).get(0).asText();
    }

    private static String eventLines(String metrics) {
        StringBuilder out = new StringBuilder();
        for (String line : String.valueOf(metrics).split("\n")) {
            if (line.startsWith("threefactor_events")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check, Supplier<String> failure) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!check.holds()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(failure.get());
            }
            Thread.sleep(50);
        }
    }
}
