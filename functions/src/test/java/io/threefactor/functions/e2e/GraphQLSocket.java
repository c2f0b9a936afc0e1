package io.threefactor.functions.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A graphql-transport-ws client (the protocol of the graphql-ws library that Apollo Client and urql use) on the
 * JDK's WebSocket: credentials in {@code connection_init} {@code payload.headers}, as a Hasura app sends them.
 */
public final class GraphQLSocket implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A server message and when it arrived ({@link System#nanoTime()}). */
    public record Message(String type, String id, JsonNode payload, long receivedNanos) {
        /** {@code payload.data} of a {@code next}. */
        public JsonNode data() {
            return payload == null ? null : payload.get("data");
        }
    }

    private final Map<String, LinkedBlockingQueue<Message>> bySubscription = new ConcurrentHashMap<>();
    private final Map<String, Consumer<Message>> listeners = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Message> connection = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private WebSocket socket;

    private GraphQLSocket() {
    }

    /** Opens the socket and completes the {@code connection_init} / {@code connection_ack} handshake. */
    public static GraphQLSocket connect(URI uri, Map<String, String> headers) {
        GraphQLSocket s = new GraphQLSocket();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        s.socket = http.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, s.new Listener()).orTimeout(10, TimeUnit.SECONDS).join();
        ObjectNode init = JSON.createObjectNode().put("type", "connection_init");
        init.putObject("payload").set("headers", JSON.valueToTree(headers));
        s.send(init);
        Message ack = s.nextConnectionMessage(Duration.ofSeconds(10));
        if (ack == null || !ack.type().equals("connection_ack")) {
            throw new IllegalStateException("no connection_ack: " + (ack == null ? "timeout, " + s.closed.getNow("open") : ack));
        }
        return s;
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Starts a subscription; its messages are read with {@link #next(String, Duration)}. */
    public void subscribe(String id, String query, Object variables) {
        bySubscription.computeIfAbsent(id, k -> new LinkedBlockingQueue<>());
        send(subscribeMessage(id, query, variables));
    }

    /** Starts a subscription whose messages go to {@code listener} (on the socket's thread) instead of a queue. */
    public void subscribe(String id, String query, Object variables, Consumer<Message> listener) {
        listeners.put(id, listener);
        send(subscribeMessage(id, query, variables));
    }

    public void complete(String id) {
        send(JSON.createObjectNode().put("type", "complete").put("id", id));
        listeners.remove(id);
    }

    /** The next message of subscription {@code id}, or null after {@code timeout}. */
    public Message next(String id, Duration timeout) {
        try {
            return bySubscription.computeIfAbsent(id, k -> new LinkedBlockingQueue<>())
                    .poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Why the server closed the socket, if it did. */
    public String closeReason() {
        return closed.getNow(null);
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).join();
            } catch (RuntimeException e) {
                socket.abort();
            }
        }
    }

    private ObjectNode subscribeMessage(String id, String query, Object variables) {
        ObjectNode m = JSON.createObjectNode().put("type", "subscribe").put("id", id);
        ObjectNode payload = m.putObject("payload").put("query", query);
        if (variables != null) {
            payload.set("variables", JSON.valueToTree(variables));
        }
        return m;
    }

    private synchronized void send(ObjectNode message) {
        socket.sendText(message.toString(), true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    private Message nextConnectionMessage(Duration timeout) {
        try {
            return connection.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void received(String text, long at) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
        String type = node.path("type").asText();
        String id = node.hasNonNull("id") ? node.get("id").asText() : null;
        Message m = new Message(type, id, node.get("payload"), at);
        if (type.equals("ping")) {
            CompletableFuture.runAsync(() -> send(JSON.createObjectNode().put("type", "pong")));
            return;
        }
        if (type.equals("pong")) {
            return;
        }
        if (id == null) {
            connection.add(m);
            return;
        }
        Consumer<Message> listener = listeners.get(id);
        if (listener != null) {
            listener.accept(m);
        } else {
            bySubscription.computeIfAbsent(id, k -> new LinkedBlockingQueue<>()).add(m);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long at = System.nanoTime();
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                received(text, at);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            connection.add(new Message("closed", null, JSON.createObjectNode().put("code", statusCode)
                    .put("reason", reason), System.nanoTime()));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error: " + error);
        }
    }
}
