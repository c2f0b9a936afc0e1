package io.threefactor.triggers.api;

import io.threefactor.triggers.EventTriggers;
import io.threefactor.triggers.TriggersConfig.ScheduledCleanup;
import io.threefactor.triggers.definition.QualifiedTable;
import io.threefactor.triggers.support.TriggersTestBase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.threefactor.triggers.support.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Cleanup deletes old delivered events in batches and keeps errored and pending ones unless told otherwise. */
class CleanupTest extends TriggersTestBase {

    @Test
    void cleanup_deletes_old_delivered_events_in_batches_and_never_errored_ones_unless_asked() {
        QualifiedTable table = newTable("cleanup");
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("cleaned", table).build()));
        sql("INSERT INTO " + table.quoted() + " (name) SELECT 'row ' || g FROM generate_series(1, 40) g");
        // 25 old delivered, 5 old errored, 5 old pending, 5 recent delivered; each with one invocation log.
        sql("""
                WITH numbered AS (SELECT id, row_number() OVER (ORDER BY seq) AS n FROM hdb_catalog.event_log
                                  WHERE trigger_name = 'cleaned')
                UPDATE hdb_catalog.event_log e
                SET delivered = n <= 25 OR n > 35, error = n > 25 AND n <= 30,
                    created_at = CASE WHEN n <= 35 THEN created_at - interval '10 days' ELSE created_at END
                FROM numbered WHERE e.id = numbered.id
                """);
        sql("INSERT INTO hdb_catalog.event_invocation_logs (trigger_name, event_id, status) "
                + "SELECT 'cleaned', id, 200 FROM hdb_catalog.event_log WHERE trigger_name = 'cleaned'");

        CleanupResult result = await(triggers.cleanup().run(
                new CleanupRequest(Duration.ofDays(7), 10, false, true, List.of("cleaned"))));

        assertEquals(25, result.deletedEvents());
        assertEquals(25, result.deletedInvocationLogs());
        assertEquals(3, result.batches(), "10 + 10 + 5");
        assertEquals(5L, events("error"));
        assertEquals(5L, events("NOT delivered AND NOT error"));
        assertEquals(5L, events("delivered"), "recent delivered events stay");

        CleanupResult withErrored = await(triggers.cleanup().run(
                new CleanupRequest(Duration.ofDays(7), 10, true, true, List.of("cleaned"))));
        assertEquals(5, withErrored.deletedEvents());
        assertEquals(0L, events("error"));
        assertEquals(5L, events("NOT delivered AND NOT error"), "pending events are never cleaned");
    }

    @Test
    void a_scheduled_cleanup_removes_delivered_events_on_its_own() {
        QualifiedTable table = newTable("scheduled");
        EventTriggers triggers = instance(fastConfig().toBuilder().cleanup(new ScheduledCleanup(
                new CleanupRequest(Duration.ZERO, 100, false, true, List.of("scheduled")), Duration.ofMillis(300)))
                .build());
        await(triggers.install(webhookTrigger("scheduled", table).build()));
        await(triggers.start());

        sql("INSERT INTO " + table.quoted() + " (name) SELECT 'row ' || g FROM generate_series(1, 10) g");

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> webhook.count() == 10);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                count("SELECT count(*) FROM hdb_catalog.event_log WHERE trigger_name = 'scheduled'") == 0);
        // An attempt's invocation log may be written just after its event is marked delivered: await it too.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count(
                "SELECT count(*) FROM hdb_catalog.event_invocation_logs WHERE trigger_name = 'scheduled'") == 0);
    }

    @Test
    void the_claim_query_uses_the_partial_index_on_pending_events() {
        // On a small table a sequential scan is cheaper; forbidding it shows the predicate matches the index.
        // (The benchmark shows the plan and timing with a million delivered rows.)
        String plan = await(pool.withTransaction(conn -> conn.query("SET LOCAL enable_seqscan = off").execute()
                .compose(v -> conn.query("EXPLAIN SELECT id FROM hdb_catalog.event_log e WHERE e.delivered = 'f' "
                        + "AND e.error = 'f' AND e.archived = 'f' ORDER BY e.seq LIMIT 100").execute())
                .map(rows -> {
                    StringBuilder text = new StringBuilder();
                    rows.forEach(r -> text.append(r.getString(0)).append('\n'));
                    return text.toString();
                })));
        assertEquals(true, plan.contains("event_log_pending_seq"), plan);
    }

    private long events(String condition) {
        return count("SELECT count(*) FROM hdb_catalog.event_log WHERE trigger_name = 'cleaned' AND " + condition);
    }
}
