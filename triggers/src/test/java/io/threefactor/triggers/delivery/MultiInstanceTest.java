package io.threefactor.triggers.delivery;

import io.micrometer.core.instrument.Counter;
import io.threefactor.triggers.EventTriggers;
import io.threefactor.triggers.definition.EventTriggerDefinition;
import io.threefactor.triggers.definition.QualifiedTable;
import io.threefactor.triggers.definition.RetryConf;
import io.threefactor.triggers.support.TriggersTestBase;
import io.threefactor.triggers.support.WebhookReceiver.Reply;
import io.threefactor.triggers.target.MessageChannel;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.threefactor.triggers.support.Await.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several instances on one database, crashes, and lost database connections. */
class MultiInstanceTest extends TriggersTestBase {

    @Test
    void two_instances_deliver_every_event_exactly_once() {
        QualifiedTable table = newTable("shared");
        EventTriggerDefinition trigger = webhookTrigger("shared_insert", table).build();
        EventTriggers first = instance(vertx, extraPool(vertx, "tf_first", 4), fastConfig(), MessageChannel.NONE);
        EventTriggers second = instance(vertx, extraPool(vertx, "tf_second", 4), fastConfig(), MessageChannel.NONE);
        await(first.install(trigger));
        second.register(trigger);
        await(first.start());
        await(second.start());

        for (int batch = 0; batch < 20; batch++) {
            sql("INSERT INTO " + table.quoted() + " (name) SELECT 'row ' || g FROM generate_series(1, 100) g");
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> webhook.distinctCount() == 2000);
        await().atMost(Duration.ofSeconds(5)).until(() -> count("SELECT count(*) FROM hdb_catalog.event_log "
                + "WHERE trigger_name = 'shared_insert' AND delivered") == 2000);
        assertEquals(2000, webhook.count(), "no event delivered twice");
        double byFirst = delivered(first);
        double bySecond = delivered(second);
        assertEquals(2000.0, byFirst + bySecond);
        assertTrue(byFirst > 0 && bySecond > 0, "both instances worked: " + byFirst + " / " + bySecond);
    }

    @Test
    void after_a_crash_another_instance_reclaims_the_events_once_the_lease_expires() {
        QualifiedTable table = newTable("crash");
        EventTriggerDefinition trigger = webhookTrigger("crash_insert", table).retryConf(new RetryConf(0, 0, 30))
                .build();
        Vertx crashing = Vertx.vertx();
        Pool crashingPool = io.threefactor.triggers.support.TestDatabase.pool(crashing, db.options(), 4);
        EventTriggers doomed = instance(crashing, crashingPool, fastConfig(), MessageChannel.NONE);
        await(doomed.install(trigger));
        await(doomed.start());
        webhook.behave(r -> new Reply.Hang());
        sql("INSERT INTO " + table.quoted() + " (name) SELECT 'row ' || g FROM generate_series(1, 10) g");
        await().atMost(Duration.ofSeconds(5)).until(() -> webhook.distinctCount() == 10);

        await(crashing.close()); // the process dies: no release, no outcome written
        long crashed = System.nanoTime();
        webhook.reset();
        EventTriggers survivor = instance(fastConfig());
        survivor.register(trigger);
        await(survivor.start());

        await().atMost(Duration.ofSeconds(12)).until(() -> count("SELECT count(*) FROM hdb_catalog.event_log "
                + "WHERE trigger_name = 'crash_insert' AND delivered") == 10);
        long reclaimedAfterMs = (System.nanoTime() - crashed) / 1_000_000;
        assertTrue(reclaimedAfterMs >= 1000, "not before the lease (2 s) expired: " + reclaimedAfterMs + " ms");
        assertEquals(10, webhook.distinctCount());
    }

    @Test
    void a_delivery_longer_than_the_lease_keeps_its_lease_through_the_heartbeat() {
        QualifiedTable table = newTable("long_delivery");
        EventTriggerDefinition trigger = webhookTrigger("long_insert", table).retryConf(new RetryConf(0, 0, 30))
                .build();
        webhook.behave(r -> new Reply.Delayed(6000, 200)); // twice the 3 s lease
        EventTriggers first = instance(fastConfig().toBuilder().leaseDuration(Duration.ofSeconds(3)).build());
        EventTriggers second = instance(fastConfig().toBuilder().leaseDuration(Duration.ofSeconds(3)).build());
        await(first.install(trigger));
        second.register(trigger);
        await(first.start());

        sql("INSERT INTO " + table.quoted() + " (name) VALUES ('long')");
        await().atMost(Duration.ofSeconds(3)).until(() -> webhook.count() == 1);
        await(second.start());

        await().atMost(Duration.ofSeconds(12)).until(() -> count("SELECT count(*) FROM hdb_catalog.event_log "
                + "WHERE trigger_name = 'long_insert' AND delivered") == 1);
        assertEquals(1, webhook.count(), "the second instance never took the event over");
    }

    @Test
    void delivery_resumes_after_the_database_connections_are_terminated() throws Exception {
        QualifiedTable table = newTable("reconnect");
        String app = "tf_reconnect_test";
        Pool deliveringPool = extraPool(vertx, app, 4);
        EventTriggers triggers = new EventTriggers(vertx, deliveringPool, db.options(app, true),
                fastConfig().toBuilder().pollInterval(Duration.ofSeconds(30)).build(), MessageChannel.NONE, null);
        try {
            await(triggers.install(webhookTrigger("reconnect_insert", table).retryConf(new RetryConf(5, 1, 5))
                    .build()));
            await(triggers.start());
            sql("INSERT INTO " + table.quoted() + " (name) VALUES ('before')");
            await().atMost(Duration.ofSeconds(3)).until(() -> webhook.count() == 1);

            long terminated = count("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE application_name = $1) t", app);
            assertTrue(terminated >= 2, "the pool and the LISTEN connection: " + terminated);
            Thread.sleep(1500); // the LISTEN connection comes back on its own

            sql("INSERT INTO " + table.quoted() + " (name) VALUES ('after')");
            // Within seconds, so by NOTIFY on the new LISTEN connection, not by the 30 s poll.
            await().atMost(Duration.ofSeconds(8)).until(() -> webhook.count() == 2);
            await().atMost(Duration.ofSeconds(5)).until(() -> count("SELECT count(*) FROM hdb_catalog.event_log "
                    + "WHERE trigger_name = 'reconnect_insert' AND delivered") == 2);
        } finally {
            await(triggers.close());
        }
    }

    private static double delivered(EventTriggers instance) {
        return instance.metrics().registry().find("threefactor.events.attempts").counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
