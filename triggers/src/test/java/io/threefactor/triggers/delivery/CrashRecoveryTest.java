package io.threefactor.triggers.delivery;

import io.threefactor.triggers.EventTriggers;
import io.threefactor.triggers.definition.QualifiedTable;
import io.threefactor.triggers.support.DelivererProcess;
import io.threefactor.triggers.support.TriggersTestBase;
import io.threefactor.triggers.support.WebhookReceiver.Reply;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.threefactor.triggers.support.Await.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An engine process killed with SIGKILL in the middle of delivering loses nothing. */
class CrashRecoveryTest extends TriggersTestBase {
    private static final int EVENTS = 10_000;

    @Test
    void a_process_killed_with_sigkill_while_delivering_loses_no_event_when_restarted() throws Exception {
        QualifiedTable table = newTable("sigkill");
        EventTriggers installer = instance(fastConfig());
        await(installer.install(DelivererProcess.definition(table.name(), "sigkill_insert", webhook.url())));
        webhook.behave(r -> new Reply.Delayed(2, 200));
        sql("INSERT INTO " + table.quoted() + " (name) SELECT 'row ' || g FROM generate_series(1, " + EVENTS + ") g");

        Process first = startDeliverer(table, 1);
        List<Process> started = new ArrayList<>(List.of(first));
        try {
            // A fresh child JVM on a loaded 2-core machine can take a while to get going.
            await().atMost(Duration.ofSeconds(180)).until(() -> webhook.distinctCount() >= 2_000);
            first.destroyForcibly(); // SIGKILL
            first.waitFor();
            int deliveredBeforeKill = webhook.distinctCount();

            Process second = startDeliverer(table, 2);
            started.add(second);
            await().atMost(Duration.ofSeconds(180)).until(() -> webhook.distinctCount() == EVENTS);
            await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT count(*) FROM hdb_catalog.event_log "
                    + "WHERE trigger_name = 'sigkill_insert' AND delivered") == EVENTS);

            int duplicates = webhook.count() - webhook.distinctCount();
            System.out.printf("SIGKILL after %d of %d events; %d duplicates after restart%n", deliveredBeforeKill,
                    EVENTS, duplicates);
            assertTrue(deliveredBeforeKill < EVENTS, "killed while delivering");
            assertEquals(EVENTS, webhook.distinctCount(), "none lost");
            // At most what the killed process had leased: in flight plus outcomes not yet written.
            assertTrue(duplicates <= 4 * DelivererProcess.CONCURRENCY, "duplicates: " + duplicates);
        } finally {
            started.forEach(Process::destroyForcibly);
        }
    }

    private Process startDeliverer(QualifiedTable table, int n) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        File log = new File("target/deliverer-process-" + n + ".log");
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                DelivererProcess.class.getName(), db.name(), table.name(), "sigkill_insert", webhook.url())
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
    }
}
