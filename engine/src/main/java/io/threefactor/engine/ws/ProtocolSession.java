package io.threefactor.engine.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.threefactor.engine.execute.GraphqlExecutor;
import io.threefactor.engine.execute.GraphqlRequest;
import io.threefactor.engine.execute.GraphqlRequestReader;
import io.threefactor.engine.http.ErrorResponses;
import io.threefactor.engine.error.GraphqlError;
import io.threefactor.engine.ir.Operation;
import io.threefactor.engine.session.AuthenticationException;
import io.threefactor.engine.session.Session;
import io.threefactor.engine.subscription.LiveQueries;
import io.threefactor.engine.subscription.Streams;
import io.threefactor.engine.subscription.SubscriptionSink;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import io.threefactor.engine.runtime.Snapshots;
import io.threefactor.engine.config.Databases;

/**
 * One socket speaking {@code graphql-transport-ws} or the legacy {@code graphql-ws}. Messages of a socket
 * arrive one at a time on its event loop; results of its subscriptions are sent from any thread.
 *
 * <p>Close codes (graphql-transport-ws, also used on the legacy protocol where it has none): 4400 invalid
 * message, 4401 subscribe before {@code connection_ack}, 4403 credentials refused or expired, 4406 unsupported
 * sub-protocol, 4408 no {@code connection_init} in time, 4409 duplicate operation id, 4429 second
 * {@code connection_init}.
 */
final class ProtocolSession {

    private static final Logger LOG = Logger.getLogger(ProtocolSession.class);
    static final String TRANSPORT_WS = "graphql-transport-ws";
    static final String LEGACY_WS = "graphql-ws";
    private static final io.vertx.core.buffer.Buffer KEEP_ALIVE = io.vertx.core.buffer.Buffer.buffer("ka");
    private static final GraphqlRequestReader REQUEST = new GraphqlRequestReader("$.payload",
            "the payload must be an object with a query");

    private final SocketSessions shared;
    private final WebSocketConnection connection;
    private final boolean legacy;
    private final ErrorResponses errors;
    private final Map<String, LiveQueries.Handle> operations = new ConcurrentHashMap<>();
    private volatile boolean initReceived;
    private volatile boolean acknowledged;
    private volatile boolean closed;
    private Session session;
    private long initTimer = -1;
    private long expiryTimer = -1;

    ProtocolSession(SocketSessions shared, WebSocketConnection connection) {
        this.shared = shared;
        this.connection = connection;
        String negotiated = connection.subprotocol();
        this.legacy = !TRANSPORT_WS.equals(negotiated);
        this.errors = new ErrorResponses(shared.json);
    }

    void opened() {
        String negotiated = connection.subprotocol();
        String requested = connection.handshakeRequest().header("Sec-WebSocket-Protocol");
        if ((negotiated == null || negotiated.isEmpty()) && requested != null && !requested.isBlank()) {
            close(4406, "Subprotocol not acceptable");
            return;
        }
        long timeout = Math.max(1, shared.config.subscriptions().initTimeout().toMillis());
        initTimer = shared.vertx.setTimer(timeout, id -> {
            if (!initReceived) {
                close(4408, "Connection initialisation timeout");
            }
        });
    }

    void closed() {
        closed = true;
        cancelTimers();
        operations.values().forEach(LiveQueries.Handle::cancel);
        operations.clear();
    }

    boolean legacy() {
        return legacy;
    }

    void keepAlive() {
        if (!acknowledged || closed) {
            return;
        }
        if (legacy) {
            send("{\"type\":\"ka\"}");
        } else {
            // a WebSocket ping frame: clients answer it below the GraphQL protocol, so it costs no message handling
            connection.sendPing(KEEP_ALIVE).subscribe().with(v -> { }, e -> { });
        }
    }

    void receive(String text) {
        if (closed) {
            return;
        }
        JsonNode message;
        try {
            message = shared.json.readTree(text);
        } catch (Exception e) {
            message = null;
        }
        if (message == null || !message.isObject() || !message.path("type").isTextual()) {
            invalid(null, "Invalid message received");
            return;
        }
        String type = message.get("type").asText();
        JsonNode idNode = message.get("id");
        String id = idNode == null || idNode.isNull() ? null : idNode.asText();
        JsonNode payload = message.get("payload");
        switch (type) {
            case "connection_init" -> init(payload);
            case "ping" -> {
                if (!legacy) {
                    send(payload == null || payload.isNull() ? "{\"type\":\"pong\"}"
                            : "{\"type\":\"pong\",\"payload\":" + payload + "}");
                } else {
                    invalid(id, "Invalid message type!");
                }
            }
            case "pong" -> {
                if (legacy) {
                    invalid(id, "Invalid message type!");
                }
            }
            case "subscribe" -> {
                if (legacy) {
                    invalid(id, "Invalid message type!");
                } else {
                    start(id, payload);
                }
            }
            case "start" -> {
                if (!legacy) {
                    invalid(id, "Invalid message received");
                } else {
                    start(id, payload);
                }
            }
            case "complete" -> {
                if (legacy) {
                    invalid(id, "Invalid message type!");
                } else {
                    stop(id);
                }
            }
            case "stop" -> {
                if (!legacy) {
                    invalid(id, "Invalid message received");
                } else {
                    stop(id);
                }
            }
            case "connection_terminate" -> {
                if (!legacy) {
                    invalid(id, "Invalid message received");
                } else {
                    close(1000, "Normal Closure");
                }
            }
            default -> invalid(id, legacy ? "Invalid message type!" : "Invalid message received");
        }
    }

    /** graphql-transport-ws closes with 4400; the legacy protocol answers with an {@code error} message. */
    private void invalid(String id, String message) {
        if (legacy) {
            ObjectNode m = shared.json.createObjectNode().put("type", "error");
            if (id != null) {
                m.put("id", id);
            }
            m.putObject("payload").put("message", message);
            send(m.toString());
        } else {
            close(4400, message);
        }
    }

    private void init(JsonNode payload) {
        if (initReceived) {
            close(4429, "Too many initialisation requests");
            return;
        }
        initReceived = true;
        if (initTimer >= 0) {
            shared.vertx.cancelTimer(initTimer);
            initTimer = -1;
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        connection.handshakeRequest().headers().forEach((k, v) -> {
            if (!v.isEmpty()) {
                headers.put(k, v.get(0));
            }
        });
        JsonNode source = payload != null && payload.has("headers") ? payload.get("headers") : payload;
        if (source != null && source.isObject()) {
            source.fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    headers.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        shared.resolver.resolveAsync(headers::get, new ArrayList<>(headers.keySet())).onComplete(r -> {
            if (closed) {
                return;
            }
            if (r.failed()) {
                if (!(r.cause() instanceof AuthenticationException)) {
                    LOG.warn("could not resolve the session of a WebSocket", r.cause());
                }
                refuse(r.cause() instanceof AuthenticationException ? r.cause().getMessage() : "unexpected error");
                return;
            }
            session = r.result();
            acknowledged = true;
            send("{\"type\":\"connection_ack\"}");
            if (legacy) {
                send("{\"type\":\"ka\"}");
            }
            session.expiresAt().ifPresent(this::expireAt);
        });
    }

    private void refuse(String message) {
        if (legacy) {
            ObjectNode m = shared.json.createObjectNode().put("type", "connection_error");
            m.putObject("payload").put("message", message);
            send(m.toString());
        }
        close(4403, "Forbidden: " + message);
    }

    private void expireAt(Instant at) {
        long delay = Duration.between(Instant.now(), at).toMillis();
        if (delay <= 0) {
            expired();
            return;
        }
        expiryTimer = shared.vertx.setTimer(delay, id -> expired());
    }

    private void expired() {
        if (closed) {
            return;
        }
        if (legacy) {
            send("{\"type\":\"connection_error\",\"payload\":{\"message\":\"Could not verify JWT: JWTExpired\"}}");
        }
        close(4403, "Forbidden: JWTExpired");
    }

    private void start(String id, JsonNode payload) {
        if (!acknowledged) {
            if (legacy) {
                operationError(id, new GraphqlError("connection is not initialised", "$", "start-failed"));
            } else {
                close(4401, "Unauthorized");
            }
            return;
        }
        if (id == null || id.isEmpty()) {
            invalid(null, legacy ? "an operation needs an id" : "Invalid message received");
            return;
        }
        if (operations.containsKey(id)) {
            if (legacy) {
                stop(id);
            } else {
                close(4409, "Subscriber for " + id + " already exists");
                return;
            }
        }
        GraphqlRequest request;
        GraphqlExecutor.Prepared prepared;
        try {
            request = REQUEST.read(payload);
            prepared = shared.executor.prepare(shared.snapshots.current(), session, request);
        } catch (RuntimeException e) {
            operationError(id, errors.toError(e));
            return;
        }
        Operation operation = prepared.plan().operation();
        boolean subscription = operation != null && operation.kind() == Operation.Kind.SUBSCRIPTION;
        if (!subscription) {
            LiveQueries.Handle placeholder = () -> { };
            operations.put(id, placeholder);
            shared.executor.execute(shared.databases, shared.snapshots.current(), session, request)
                    .onComplete(r -> {
                        if (operations.remove(id, placeholder)) {
                            if (r.succeeded()) {
                                sendData(id, r.result());
                            } else {
                                sendResultErrors(id, errors.toError(r.cause()));
                            }
                            complete(id);
                        }
                    });
            return;
        }
        if (prepared.plan().constant()) {
            sendData(id, prepared.plan().constantData());
            complete(id);
            return;
        }
        Sink sink = new Sink(id);
        // registered before subscribing: a cohort that already has a result sends it during subscribe()
        LiveQueries.Handle pending = () -> { };
        operations.put(id, pending);
        try {
            LiveQueries.Handle handle = Streams.isStream(prepared) ? shared.streams.subscribe(request, prepared, sink)
                    : shared.liveQueries.subscribe(request, prepared, sink);
            if (sink.failed || closed || !operations.replace(id, pending, handle)) {
                handle.cancel();
            }
        } catch (RuntimeException e) {
            operations.remove(id, pending);
            operationError(id, errors.toError(e));
        }
    }

    private void stop(String id) {
        if (id == null) {
            return;
        }
        LiveQueries.Handle handle = operations.remove(id);
        if (handle != null) {
            handle.cancel();
        }
    }

    private void sendData(String id, String data) {
        send("{\"type\":\"" + (legacy ? "data" : "next") + "\",\"id\":" + quote(id) + ",\"payload\":{\"data\":"
                + data + "}}");
    }

    /** Errors as the operation's result: a {@code data}/{@code next} message with {@code errors}. */
    private void sendResultErrors(String id, GraphqlError error) {
        send("{\"type\":\"" + (legacy ? "data" : "next") + "\",\"id\":" + quote(id) + ",\"payload\":"
                + errors.body(error) + "}");
    }

    /** The operation failed before it produced results: {@code error} and, on the legacy protocol, a complete. */
    private void operationError(String id, GraphqlError error) {
        JsonNode errorList;
        try {
            errorList = shared.json.readTree(errors.body(error)).get("errors");
        } catch (Exception e) {
            errorList = shared.json.createArrayNode();
        }
        ObjectNode m = shared.json.createObjectNode().put("type", "error");
        if (id != null) {
            m.put("id", id);
        }
        if (legacy) {
            m.set("payload", errorList.get(0));
        } else {
            m.set("payload", errorList);
        }
        send(m.toString());
    }

    private void complete(String id) {
        send("{\"type\":\"complete\",\"id\":" + quote(id) + "}");
    }

    private String quote(String s) {
        return shared.json.getNodeFactory().textNode(s).toString();
    }

    private void send(String text) {
        if (closed) {
            return;
        }
        connection.sendText(text).subscribe().with(v -> { }, e -> LOG.debugf("send failed: %s", e.getMessage()));
    }

    private void close(int code, String reason) {
        if (closed) {
            return;
        }
        closed();
        connection.close(new CloseReason(code, reason)).subscribe().with(v -> { }, e -> { });
    }

    private void cancelTimers() {
        if (initTimer >= 0) {
            shared.vertx.cancelTimer(initTimer);
            initTimer = -1;
        }
        if (expiryTimer >= 0) {
            shared.vertx.cancelTimer(expiryTimer);
            expiryTimer = -1;
        }
    }

    private final class Sink implements SubscriptionSink {
        final String id;
        volatile boolean failed;

        Sink(String id) {
            this.id = id;
        }

        @Override
        public void next(String data) {
            if (!failed && !closed && operations.containsKey(id)) {
                sendData(id, data);
            }
        }

        @Override
        public void error(Throwable failure) {
            failed = true;
            LiveQueries.Handle handle = operations.remove(id);
            if (handle != null) {
                handle.cancel();
            }
            operationError(id, errors.toError(failure));
        }
    }
}
