package io.threefactor.engine.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

import java.net.URL;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A bare WebSocket client (Vert.x) for protocol cases real GraphQL clients never produce. */
public final class WsClient implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Vertx VERTX = Vertx.vertx();

    private final Vertx vertx;
    private final WebSocketClient client;
    final WebSocket socket;
    final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    volatile String closeReason;

    private WsClient(Vertx vertx, WebSocketClient client, WebSocket socket) {
        this.vertx = vertx;
        this.client = client;
        this.socket = socket;
        socket.textMessageHandler(t -> {
            try {
                messages.add(JSON.readTree(t));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        socket.closeHandler(v -> {
            closeReason = socket.closeReason();
            closeCode.complete(socket.closeStatusCode() == null ? -1 : (int) socket.closeStatusCode());
        });
    }

    public static WsClient connect(URL base, String... subprotocols) throws Exception {
        Vertx vertx = VERTX;
        WebSocketClient client = vertx.createWebSocketClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort())
                .setURI("/v1/graphql");
        for (String p : subprotocols) {
            options.addSubProtocol(p);
        }
        WebSocket socket = client.connect(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new WsClient(vertx, client, socket);
    }

    public WsClient send(String json) {
        socket.writeTextMessage(json.replace('\'', '"'));
        return this;
    }

    /** The next message, skipping keep-alives. */
    public JsonNode next() throws InterruptedException {
        while (true) {
            JsonNode m = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(m, "no message within 10 s");
            String type = m.path("type").asText();
            if (!type.equals("ka") && !type.equals("ping")) {
                return m;
            }
        }
    }

    /** The next message within {@code ms}, or null, skipping keep-alives. */
    public JsonNode poll(long ms) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            JsonNode m = messages.poll(Math.max(0, left), TimeUnit.MILLISECONDS);
            if (m == null) {
                return null;
            }
            String type = m.path("type").asText();
            if (!type.equals("ka") && !type.equals("ping")) {
                return m;
            }
        }
    }

    public int awaitClose() throws Exception {
        return closeCode.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            if (!socket.isClosed()) {
                socket.close();
            }
        } finally {
            client.close();
        }
    }
}
