package io.threefactor.triggers.delivery;

import io.threefactor.triggers.EventTriggers;
import io.threefactor.triggers.definition.EventTriggerDefinition;
import io.threefactor.triggers.definition.HeaderConf;
import io.threefactor.triggers.definition.QualifiedTable;
import io.threefactor.triggers.definition.RetryConf;
import io.threefactor.triggers.definition.Target;
import io.threefactor.triggers.support.TriggersTestBase;
import io.threefactor.triggers.support.WebhookReceiver.Reply;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.threefactor.triggers.support.Await.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delivery by one instance: wake-up, retries, invocation logs, Retry-After, redelivery, graceful stop. */
class DeliveryTest extends TriggersTestBase {

    @Test
    void a_committed_event_is_delivered_on_notify_without_waiting_for_the_poll() throws Exception {
        QualifiedTable table = newTable("notify");
        EventTriggers triggers = instance(fastConfig().toBuilder().pollInterval(Duration.ofMinutes(5)).build());
        await(triggers.install(webhookTrigger("notify_insert", table).build()));
        await(triggers.start());
        Thread.sleep(300); // settle: the start-up claim found nothing

        List<Long> latenciesMs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int before = webhook.count();
            long committed = System.nanoTime();
            sql("INSERT INTO " + table.quoted() + " (name) VALUES ('n" + i + "')");
            await().atMost(Duration.ofSeconds(4)).until(() -> webhook.count() > before);
            latenciesMs.add((webhook.received().get(before).arrivedNanos() - committed) / 1_000_000);
        }

        // The poll is 5 minutes away: anything within seconds was woken by NOTIFY (typically a few ms; the bound
        // leaves room for a loaded CI machine).
        assertTrue(latenciesMs.stream().allMatch(ms -> ms < 3000), "delivered in " + latenciesMs + " ms");
        await().atMost(Duration.ofSeconds(3)).until(() -> count(
                "SELECT count(*) FROM hdb_catalog.event_log WHERE trigger_name = 'notify_insert' AND delivered") == 5);
        assertEquals(0L, count("SELECT count(*) FROM hdb_catalog.event_log WHERE trigger_name = 'notify_insert' "
                + "AND (locked IS NOT NULL OR lease_owner IS NOT NULL)"), "leases are released");
        var meters = triggers.metrics().registry();
        assertEquals(5.0, meters.get("threefactor.events.attempts").tag("trigger", "notify_insert")
                .tag("outcome", "delivered").counter().count());
        assertEquals(5, meters.get("threefactor.events.delivery.lag").tag("trigger", "notify_insert").timer().count());
    }

    @Test
    void a_webhook_answering_500_is_retried_per_retry_conf_then_errored_and_can_be_redelivered() {
        QualifiedTable table = newTable("failing");
        webhook.behave(r -> Reply.status(500));
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("always_500", table).retryConf(new RetryConf(2, 0, 5)).build()));
        await(triggers.start());

        sql("INSERT INTO " + table.quoted() + " (name) VALUES ('x')");
        String id = awaitFinished("always_500");

        Row event = eventRow(id);
        assertTrue(event.getBoolean("error"));
        assertFalse(event.getBoolean("delivered"));
        assertEquals(3, event.getInteger("tries"));
        assertEquals(3, webhook.forEvent(id).size(), "1 attempt + 2 retries");
        assertEquals(List.of(0, 1, 2), webhook.forEvent(id).stream()
                .map(r -> r.body().getJsonObject("delivery_info").getInteger("current_retry")).toList());
        List<Row> logs = invocations(id);
        assertEquals(3, logs.size());
        for (Row log : logs) {
            assertEquals(500, log.getInteger("status"));
            JsonObject request = new JsonObject(log.getValue("request").toString());
            assertEquals(id, request.getJsonObject("payload").getString("id"));
            assertEquals("2", request.getString("version"));
            JsonObject response = new JsonObject(log.getValue("response").toString());
            assertEquals("webhook_response", response.getString("type"));
            assertEquals(500, response.getJsonObject("data").getInteger("status"));
            assertEquals("{\"ok\":false}", response.getJsonObject("data").getString("body"));
        }

        webhook.behave(r -> Reply.OK);
        await(triggers.api().redeliver(id));
        await().atMost(Duration.ofSeconds(5)).until(() -> eventRow(id).getBoolean("delivered"));
        assertFalse(eventRow(id).getBoolean("error"));
        assertEquals(4, invocations(id).size());
    }

    @Test
    void a_webhook_that_times_out_is_retried_and_logged_as_a_client_error() {
        QualifiedTable table = newTable("slow");
        webhook.behave(r -> new Reply.Hang());
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("slow_hook", table).retryConf(new RetryConf(1, 0, 1)).build()));
        await(triggers.start());

        sql("INSERT INTO " + table.quoted() + " (name) VALUES ('x')");
        String id = awaitFinished("slow_hook");

        assertTrue(eventRow(id).getBoolean("error"));
        List<Row> logs = invocations(id);
        assertEquals(2, logs.size());
        for (Row log : logs) {
            assertEquals(1000, log.getInteger("status"));
            JsonObject response = new JsonObject(log.getValue("response").toString());
            assertEquals("client_error", response.getString("type"));
            assertTrue(response.getJsonObject("data").getString("message").toLowerCase().contains("timeout"),
                    response.encode());
            assertTrue(log.getInteger("duration_ms") >= 900, "timed out after timeout_sec");
        }
    }

    @Test
    void a_webhook_that_closes_the_connection_is_retried_then_errored() {
        QualifiedTable table = newTable("closing");
        webhook.behave(r -> new Reply.Close());
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("closing_hook", table).retryConf(new RetryConf(2, 0, 5)).build()));
        await(triggers.start());

        sql("INSERT INTO " + table.quoted() + " (name) VALUES ('x')");
        String id = awaitFinished("closing_hook");

        assertTrue(eventRow(id).getBoolean("error"));
        assertEquals(3, webhook.forEvent(id).size());
        assertTrue(invocations(id).stream().allMatch(r -> r.getInteger("status") == 1000));
    }

    @Test
    void retry_after_overrides_the_retry_interval() {
        QualifiedTable table = newTable("retry_after");
        AtomicInteger calls = new AtomicInteger();
        webhook.behave(r -> calls.incrementAndGet() == 1
                ? new Reply.Status(503, Map.of("Retry-After", "1")) : Reply.OK);
        EventTriggers triggers = instance(fastConfig());
        // interval_sec 60: only Retry-After can bring the second attempt within seconds.
        await(triggers.install(webhookTrigger("retry_after_hook", table).retryConf(new RetryConf(3, 60, 5)).build()));
        await(triggers.start());

        sql("INSERT INTO " + table.quoted() + " (name) VALUES ('x')");
        await().atMost(Duration.ofSeconds(8)).until(() -> webhook.count() == 2);

        long gapMs = (webhook.received().get(1).arrivedNanos() - webhook.received().get(0).arrivedNanos()) / 1_000_000;
        assertTrue(gapMs >= 900 && gapMs < 6000, "second attempt after " + gapMs + " ms (interval_sec is 60)");
        String id = webhook.received().get(0).eventId();
        await().atMost(Duration.ofSeconds(3)).until(() -> eventRow(id).getBoolean("delivered"));
        assertEquals(List.of(503, 200), invocations(id).stream().map(r -> r.getInteger("status")).toList());
    }

    @Test
    void headers_and_webhook_urls_come_from_the_environment_and_secrets_stay_out_of_the_logs() {
        QualifiedTable table = newTable("env");
        Map<String, String> env = Map.of("HOOK_URL", webhook.url("/from-env"), "HOOK_SECRET", "s3cret");
        EventTriggers triggers = instance(fastConfig().toBuilder().environment(env::get).build());
        await(triggers.install(EventTriggerDefinition.builder("env_hook", table, new Target.WebhookFromEnv("HOOK_URL"))
                .insert(io.threefactor.triggers.definition.OperationSpec.allColumns())
                .headers(List.of(new HeaderConf.Literal("x-plain", "v"), new HeaderConf.FromEnv("x-secret", "HOOK_SECRET")))
                .build()));
        await(triggers.start());

        sql("INSERT INTO " + table.quoted() + " (name) VALUES ('x')");
        await().atMost(Duration.ofSeconds(5)).until(() -> webhook.count() == 1);

        var received = webhook.received().get(0);
        assertEquals("/from-env", received.path());
        assertEquals("v", received.headers().get("x-plain"));
        assertEquals("s3cret", received.headers().get("x-secret"));
        await().atMost(Duration.ofSeconds(3)).until(() -> invocations(received.eventId()).size() == 1);
        String request = invocations(received.eventId()).get(0).getValue("request").toString();
        assertFalse(request.contains("s3cret"), request);
        assertTrue(request.contains("HOOK_SECRET"), request);
    }

    @Test
    void the_webhook_request_continues_the_trace_of_the_change_that_raised_the_event() {
        QualifiedTable table = newTable("traced");
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("traced_insert", table).build()));
        await(triggers.start());

        // What the engine's mutation transaction does before its statements (Hasura's hasura.tracecontext).
        await(pool.withTransaction(c -> c.query("SELECT set_config('hasura.tracecontext', '{\"trace_id\":"
                + "\"4bf92f3577b34da6a3ce929d0e0e4736\",\"span_id\":\"00f067aa0ba902b7\",\"sampling_state\":\"1\"}', true)")
                .execute().compose(x -> c.query("INSERT INTO " + table.quoted() + " (name) VALUES ('traced')").execute())));
        sql("INSERT INTO " + table.quoted() + " (name) VALUES ('untraced')");
        await().atMost(Duration.ofSeconds(5)).until(() -> webhook.count() == 2);

        Map<String, String> byName = new java.util.HashMap<>();
        webhook.received().forEach(r -> byName.put(
                r.body().getJsonObject("event").getJsonObject("data").getJsonObject("new").getString("name"),
                String.valueOf(r.headers().get("traceparent"))));
        assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", byName.get("traced"));
        assertEquals("null", byName.get("untraced"), "no trace, no header");
    }

    @Test
    void a_missing_environment_variable_is_a_failed_attempt_not_a_lost_event() {
        QualifiedTable table = newTable("no_env");
        EventTriggers triggers = instance(fastConfig().toBuilder().environment(name -> null).build());
        await(triggers.install(EventTriggerDefinition.builder("no_env_hook", table, new Target.WebhookFromEnv("NOPE"))
                .insert(io.threefactor.triggers.definition.OperationSpec.allColumns())
                .retryConf(new RetryConf(0, 0, 5)).build()));
        await(triggers.start());

        sql("INSERT INTO " + table.quoted() + " (name) VALUES ('x')");
        String id = awaitFinished("no_env_hook");

        assertTrue(eventRow(id).getBoolean("error"));
        assertTrue(invocations(id).get(0).getValue("response").toString().contains("NOPE"));
    }

    @Test
    void response_bodies_are_truncated_in_invocation_logs() {
        QualifiedTable table = newTable("big_response");
        EventTriggers triggers = instance(fastConfig().toBuilder().responseTruncationLimit(10).build());
        await(triggers.install(webhookTrigger("big_response_hook", table).build()));
        await(triggers.start());

        sql("INSERT INTO " + table.quoted() + " (name) VALUES ('x')");
        String id = awaitFinished("big_response_hook");

        JsonObject response = new JsonObject(invocations(id).get(0).getValue("response").toString());
        assertEquals("{\"ok\":true", response.getJsonObject("data").getString("body"));
        assertEquals(11, response.getJsonObject("data").getInteger("size"));
    }

    @Test
    void a_graceful_stop_finishes_in_flight_deliveries_and_releases_the_rest() {
        QualifiedTable table = newTable("graceful");
        // One delivery answers after 500 ms (within the 2 s grace), the other never answers.
        webhook.behave(r -> "slow".equals(r.body().getJsonObject("event").getJsonObject("data")
                .getJsonObject("new").getString("name")) ? new Reply.Delayed(500, 200) : new Reply.Hang());
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("graceful_hook", table).retryConf(new RetryConf(0, 0, 60)).build()));
        await(triggers.start());
        sql("INSERT INTO " + table.quoted() + " (name) VALUES ('slow'), ('stuck')");
        await().atMost(Duration.ofSeconds(3)).until(() -> webhook.count() == 2);

        long started = System.nanoTime();
        await(triggers.stop());
        long stopMs = (System.nanoTime() - started) / 1_000_000;

        assertTrue(stopMs >= 1500 && stopMs < 5000, "waited the grace period: " + stopMs + " ms");
        Row slow = sql("SELECT e.* FROM hdb_catalog.event_log e WHERE trigger_name = 'graceful_hook' "
                + "AND payload->'data'->'new'->>'name' = 'slow'").iterator().next();
        Row stuck = sql("SELECT e.* FROM hdb_catalog.event_log e WHERE trigger_name = 'graceful_hook' "
                + "AND payload->'data'->'new'->>'name' = 'stuck'").iterator().next();
        assertTrue(slow.getBoolean("delivered"), "in-flight delivery finished within the grace period");
        assertFalse(stuck.getBoolean("delivered"));
        assertNull(stuck.getValue("locked"), "released for other instances");
        assertNull(stuck.getValue("lease_owner"));
        assertEquals(0, stuck.getInteger("tries"));
    }

    @Test
    void delivery_can_be_stopped_and_started_again_and_still_listens() throws Exception {
        QualifiedTable table = newTable("restart");
        EventTriggers triggers = instance(fastConfig().toBuilder().pollInterval(Duration.ofMinutes(5)).build());
        await(triggers.install(webhookTrigger("restart_hook", table).build()));
        await(triggers.start());
        await(triggers.stop());
        sql("INSERT INTO " + table.quoted() + " (name) SELECT 'row ' || g FROM generate_series(1, 30) g");

        await(triggers.start());

        await().atMost(Duration.ofSeconds(5)).until(() -> count("SELECT count(*) FROM hdb_catalog.event_log "
                + "WHERE trigger_name = 'restart_hook' AND delivered AND lease_owner IS NULL") == 30);
        assertEquals(30, webhook.count());
        Thread.sleep(300);
        sql("INSERT INTO " + table.quoted() + " (name) VALUES ('after restart')");
        await().atMost(Duration.ofSeconds(4)).until(() -> webhook.count() == 31); // by NOTIFY, not the 5 min poll
    }

    @Test
    void an_event_committed_long_after_newer_events_is_still_delivered() throws Exception {
        QualifiedTable table = newTable("late_commit");
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("late_commit_hook", table).build()));
        await(triggers.start());

        var slow = await(pool.getConnection());
        var tx = await(slow.begin());
        await(slow.query("INSERT INTO " + table.quoted() + " (name) VALUES ('late')").execute());
        // Many events get committed meanwhile: far more than the window NOTIFY-woken claims look back.
        sql("SELECT setval(pg_get_serial_sequence('hdb_catalog.event_log', 'seq'), "
                + "(SELECT last_value FROM hdb_catalog.event_log_seq_seq) + 50000)");
        sql("INSERT INTO " + table.quoted() + " (name) VALUES ('early')");
        await().atMost(Duration.ofSeconds(3)).until(() -> webhook.count() == 1);
        await(tx.commit());
        slow.close();

        await().atMost(Duration.ofSeconds(6)).until(() -> webhook.count() == 2);
        assertEquals("late", webhook.received().get(1).body().getJsonObject("event").getJsonObject("data")
                .getJsonObject("new").getString("name"));
    }

    @Test
    void a_long_transaction_committing_many_old_events_is_delivered_at_full_speed() {
        QualifiedTable table = newTable("long_tx");
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("long_tx_hook", table).build()));
        await(triggers.start());

        var slow = await(pool.getConnection());
        var tx = await(slow.begin());
        await(slow.query("INSERT INTO " + table.quoted() + " (name) SELECT 'old ' || g FROM generate_series(1, 3000) g")
                .execute());
        sql("SELECT setval(pg_get_serial_sequence('hdb_catalog.event_log', 'seq'), "
                + "(SELECT last_value FROM hdb_catalog.event_log_seq_seq) + 50000)");
        sql("INSERT INTO " + table.quoted() + " (name) VALUES ('new')");
        await().atMost(Duration.ofSeconds(3)).until(() -> webhook.count() == 1);
        await(tx.commit());
        slow.close();

        // 3,000 events far below the window: one poll finds them, then claims continue from there in full batches
        // (20 per claim here) instead of one batch per poll (which would take 150 s).
        await().atMost(Duration.ofSeconds(30)).until(() -> webhook.distinctCount() == 3001);
    }

    private String awaitFinished(String trigger) {
        await().atMost(Duration.ofSeconds(15)).until(() -> count("SELECT count(*) FROM hdb_catalog.event_log "
                + "WHERE trigger_name = $1 AND (delivered OR error)", trigger) == 1);
        return sql("SELECT id FROM hdb_catalog.event_log WHERE trigger_name = $1", trigger).iterator().next()
                .getString(0);
    }

    private List<Row> invocations(String eventId) {
        List<Row> rows = new ArrayList<>();
        sql("SELECT * FROM hdb_catalog.event_invocation_logs WHERE event_id = $1 ORDER BY created_at, duration_ms",
                eventId).forEach(rows::add);
        return rows;
    }
}
