package io.threefactor.triggers.delivery;

import io.threefactor.triggers.EventTriggers;
import io.threefactor.triggers.TriggersConfig;
import io.threefactor.triggers.support.DelivererProcess;
import io.threefactor.triggers.support.TestDatabase;
import io.threefactor.triggers.support.WebhookReceiver;
import io.threefactor.triggers.support.WebhookReceiver.Reply;
import io.threefactor.triggers.target.MessageChannel;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static io.threefactor.triggers.support.Await.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL restarted under a deliverer that is busy: claims, outcome writes and the LISTEN connection all fail
 * while it is down, and nothing but the library itself brings them back. A private server (embedded PostgreSQL,
 * stopped and started on the same port and data directory), so the shared one stays up.
 */
class PostgresRestartTest {
    private static final int BEFORE = 2_000;
    private static final int AFTER = 1_000;
    private static final int CONCURRENCY = 20;

    @Test
    void a_postgres_restart_while_delivering_loses_no_event_and_delivery_resumes_on_its_own() throws Exception {
        Path data = Files.createTempDirectory("tf-restart-pg");
        int port = freePort();
        EmbeddedPostgres postgres = start(data, port);
        Vertx vertx = Vertx.vertx();
        PgConnectOptions options = TestDatabase.options("postgres").setPort(port);
        Pool pool = TestDatabase.pool(vertx, options, 4);
        WebhookReceiver webhook = WebhookReceiver.start(vertx);
        webhook.behave(r -> new Reply.Delayed(2, 200)); // keeps deliveries in flight at the moment of the stop
        EventTriggers triggers = new EventTriggers(vertx, pool, options, TriggersConfig.builder()
                .httpPoolSize(CONCURRENCY).fetchBatchSize(CONCURRENCY)
                .leaseDuration(Duration.ofSeconds(3)).pollInterval(Duration.ofSeconds(1)).build(),
                MessageChannel.NONE, null);
        try {
            await(pool.query("CREATE TABLE public.restart (id serial PRIMARY KEY, name text)").execute());
            await(triggers.ensureSchema());
            await(triggers.install(DelivererProcess.definition("restart", "restart_insert", webhook.url())));
            await(triggers.start());
            insertRows(pool, BEFORE);
            await().atMost(Duration.ofSeconds(60)).until(() -> webhook.distinctCount() >= 300);

            postgres.close(); // pg_ctl stop -m fast: every connection is cut, transactions in progress roll back
            int deliveredAtStop = webhook.distinctCount();
            Thread.sleep(1_500); // down for a few poll, heartbeat and reconnect rounds
            postgres = start(data, port);

            // The application keeps writing once the server is back; delivery must pick up both batches by itself.
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                insertRows(pool, AFTER);
                return true;
            });
            await().atMost(Duration.ofSeconds(120)).until(() -> webhook.distinctCount() == BEFORE + AFTER);
            await().atMost(Duration.ofSeconds(30)).until(() -> await(pool.query("SELECT count(*) FROM "
                    + "hdb_catalog.event_log WHERE delivered").execute()).iterator().next().getLong(0)
                    == BEFORE + AFTER);

            int duplicates = webhook.count() - webhook.distinctCount();
            System.out.printf("PostgreSQL stopped after %d of %d events; %d duplicates%n", deliveredAtStop,
                    BEFORE, duplicates);
            assertTrue(deliveredAtStop < BEFORE, "stopped while delivering");
            assertEquals(BEFORE + AFTER, webhook.distinctCount(), "none lost");
            // Only what was in flight or leased when the server went away may be sent twice.
            assertTrue(duplicates <= 2 * CONCURRENCY, "duplicates: " + duplicates);
        } finally {
            await(triggers.close(), 20);
            webhook.close();
            await(pool.close());
            await(vertx.close());
            postgres.close();
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void insertRows(Pool pool, int rows) {
        await(pool.query("INSERT INTO public.restart (name) SELECT 'row ' || g FROM generate_series(1, " + rows
                + ") g").execute());
    }

    private static EmbeddedPostgres start(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setOverrideWorkingDirectory(Path.of("target", "embedded-pg").toAbsolutePath().toFile())
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
