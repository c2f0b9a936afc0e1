package io.threefactor.environments;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.threefactor.environments.ProfileBootTest.HTTP;
import static io.threefactor.environments.ProfileBootTest.OUT;
import static io.threefactor.environments.ProfileBootTest.PG_HOST;
import static io.threefactor.environments.ProfileBootTest.tail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What an operator's SIGTERM does to a running engine (a Kubernetes rolling update, a scale-down): the real
 * engine process, a real WebSocket subscriber and a webhook that is still answering an event when the signal
 * comes. The engine reports not-ready at once (the load balancer stops routing), closes WebSockets with 1001
 * ("going away", so clients reconnect elsewhere), lets the in-flight delivery finish and record its result, and
 * exits on its own within the grace period.
 */
class GracefulShutdownTest {

    static final Path PROJECT = Repo.MODULE.resolve("src/test/resources/shutdown-project");

    @BeforeAll
    static void engineBuilt() throws IOException {
        assumeTrue(Files.isRegularFile(Repo.ENGINE_JAR), "SKIPPED: " + Repo.ENGINE_JAR + " is not built");
        Files.createDirectories(OUT);
    }

    @Test
    void sigtermDrainsDeliveriesClosesSocketsWith1001AndExits() throws Exception {
        String database = "tf_env_shutdown_" + UUID.randomUUID().toString().substring(0, 8);
        ProfileBootTest.sql("CREATE DATABASE " + database);
        CountDownLatch webhookCalled = new CountDownLatch(1);
        HttpServer webhook = slowWebhook(webhookCalled, Duration.ofSeconds(3));
        Path log = OUT.resolve("shutdown-engine.log");
        Process engine = null;
        try {
            int port = ProfileBootTest.freePort();
            String base = "http://127.0.0.1:" + port;
            engine = ProfileBootTest.start(environment(database, port, webhook.getAddress().getPort()), log);
            ProfileBootTest.awaitHealthy(engine, base, log);

            Subscriber subscriber = Subscriber.open("ws://127.0.0.1:" + port + "/v1/graphql");
            subscriber.subscribe("subscription { job { id name } }");
            assertEquals("{\"data\":{\"job\":[]}}", subscriber.nextPayload(), "the first result");

            HttpResponse<String> insert = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/graphql"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"query\":\"mutation { insert_job_one(object: {name: \\\"draining\\\"}) { id } }\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("{\"data\":{\"insert_job_one\":{\"id\":1}}}", insert.body().replace(" ", ""));
            assertTrue(webhookCalled.await(30, TimeUnit.SECONDS), "the event reached the webhook:\n" + tail(log));

            // SIGTERM while the webhook is still working on the event.
            long signalled = System.nanoTime();
            engine.destroy();

            assertEquals(503, HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "not ready once the signal came");
            assertEquals(1001, subscriber.closeCode(Duration.ofSeconds(10)), "WebSocket close code");
            assertTrue(engine.waitFor(30, TimeUnit.SECONDS), "the engine did not exit:\n" + tail(log));
            // Done when the delivery is: the shutdown delay (2 s) and the webhook's 3 s overlap; nothing waits
            // for the 10 s shutdown timeout (an upgraded WebSocket request once held it, see UpgradedRequests).
            double seconds = (System.nanoTime() - signalled) / 1e9;
            assertTrue(seconds < 8, "exit took " + seconds + " s:\n" + tail(log));
            assertFalse(Files.readString(log).contains("Timed out waiting for graceful shutdown"), tail(log));

            // The delivery that was in flight when the signal came finished and was recorded.
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + ":5432/" + database,
                    "postgres", "");
                 ResultSet r = c.createStatement().executeQuery("SELECT e.delivered, e.locked IS NULL, "
                         + "(SELECT max(status) FROM hdb_catalog.event_invocation_logs i WHERE i.event_id = e.id) "
                         + "FROM hdb_catalog.event_log e")) {
                assertTrue(r.next(), "one event");
                assertTrue(r.getBoolean(1), "delivered:\n" + tail(log));
                assertTrue(r.getBoolean(2), "lease released");
                assertEquals(200, r.getInt(3), "the webhook's answer is in the invocation log");
            }
        } finally {
            if (engine != null) {
                ProfileBootTest.stop(engine);
            }
            webhook.stop(0);
            ProfileBootTest.sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    static Map<String, String> environment(String database, int port, int webhookPort) {
        Map<String, String> vars = new TreeMap<>();
        vars.put("PATH", System.getenv("PATH"));
        vars.put("HOME", System.getenv().getOrDefault("HOME", "/tmp"));
        vars.put("HASURA_GRAPHQL_DATABASE_URL", "postgres://postgres@" + PG_HOST + ":5432/" + database);
        vars.put("HASURA_GRAPHQL_SERVER_HOST", "127.0.0.1");
        vars.put("HASURA_GRAPHQL_SERVER_PORT", Integer.toString(port));
        vars.put("HASURA_GRAPHQL_PG_CONNECTIONS", "4");
        vars.put("HASURA_GRAPHQL_GRACEFUL_SHUTDOWN_TIMEOUT", "10");
        vars.put("THREEFACTOR_PROJECT_DIR", PROJECT.toString());
        vars.put("SHUTDOWN_WEBHOOK_URL", "http://127.0.0.1:" + webhookPort + "/job-created");
        // Keep serving for a moment with readiness DOWN, as a load balancer needs.
        vars.put("QUARKUS_SHUTDOWN_DELAY", "2s");
        return vars;
    }

    /** A webhook that takes its time to answer 200, so a delivery is in flight when the signal comes. */
    static HttpServer slowWebhook(CountDownLatch called, Duration delay) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/job-created", exchange -> {
            exchange.getRequestBody().readAllBytes();
            called.countDown();
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"ok\":true}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** A graphql-transport-ws client on the JDK's WebSocket: enough for one subscription and its close. */
    static final class Subscriber implements WebSocket.Listener {
        private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Subscriber open(String url) throws Exception {
            Subscriber s = new Subscriber();
            s.socket = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                    .subprotocols("graphql-transport-ws").buildAsync(URI.create(url), s).get(10, TimeUnit.SECONDS);
            s.socket.sendText("{\"type\":\"connection_init\",\"payload\":{}}", true);
            String ack = s.messages.poll(10, TimeUnit.SECONDS);
            if (ack == null || !ack.contains("connection_ack")) {
                fail("no connection_ack: " + ack);
            }
            return s;
        }

        void subscribe(String query) {
            socket.sendText("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"" + query + "\"}}", true);
        }

        /** The payload of the next {@code next} message. */
        String nextPayload() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                String m = messages.poll(1, TimeUnit.SECONDS);
                if (m != null && m.contains("\"type\":\"next\"")) {
                    int start = m.indexOf("\"payload\":") + "\"payload\":".length();
                    return m.substring(start, m.lastIndexOf('}')).replace(" ", "");
                }
            }
            throw new AssertionError("no next message");
        }

        int closeCode(Duration timeout) throws Exception {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            // Answer the close handshake, as browsers and the graphql-ws clients do.
            return webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
