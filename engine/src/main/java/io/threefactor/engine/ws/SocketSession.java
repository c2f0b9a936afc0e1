package io.threefactor.engine.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.threefactor.engine.error.GraphqlError;
import io.threefactor.engine.execute.GraphqlExecutor;
import io.threefactor.engine.execute.GraphqlRequest;
import io.threefactor.engine.execute.GraphqlRequestReader;
import io.threefactor.engine.http.ErrorResponses;
import io.threefactor.engine.ir.Operation;
import io.threefactor.engine.session.AuthenticationException;
import io.threefactor.engine.session.Session;
import io.threefactor.engine.subscription.LiveQueries;
import io.threefactor.engine.subscription.Streams;
import io.threefactor.engine.subscription.SubscriptionSink;
import io.vertx.core.buffer.Buffer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One socket's state: its connection, whether {@code connection_init} came and was accepted, its session, its
 * running operations by id and its timers. Where the two sub-protocols differ it asks its {@link Dialect}.
 * Messages of a socket arrive one at a time on its event loop; results of its subscriptions are sent from any
 * thread.
 *
 * <p>Close codes of both protocols (graphql-transport-ws's, which the legacy one has none of): 4403 credentials
 * refused or expired, 4406 unsupported sub-protocol, 4408 no {@code connection_init} in time, 4429 second
 * {@code connection_init}.
 */
final class SocketSession {

    private static final Logger LOG = Logger.getLogger(SocketSession.class);
    private static final int FORBIDDEN = 4403;
    private static final int SUBPROTOCOL_NOT_ACCEPTABLE = 4406;
    private static final int INIT_TIMEOUT = 4408;
    private static final int TOO_MANY_INITS = 4429;
    private static final String NOT_A_MESSAGE = "Invalid message received";
    private static final GraphqlRequestReader REQUEST = new GraphqlRequestReader("$.payload",
            "the payload must be an object with a query");

    private final SocketSessions shared;
    private final WebSocketConnection connection;
    private final Dialect dialect;
    private final ErrorResponses errors;
    private final Map<String, LiveQueries.Handle> operations = new ConcurrentHashMap<>();
    private volatile boolean initReceived;
    private volatile boolean acknowledged;
    private volatile boolean closed;
    private Session session;
    private long initTimer = -1;
    private long expiryTimer = -1;

    SocketSession(SocketSessions shared, WebSocketConnection connection) {
        this.shared = shared;
        this.connection = connection;
        this.dialect = Dialect.negotiated(connection.subprotocol());
        this.errors = new ErrorResponses(shared.json);
    }

    Dialect dialect() {
        return dialect;
    }

    void opened() {
        String negotiated = connection.subprotocol();
        String requested = connection.handshakeRequest().header("Sec-WebSocket-Protocol");
        if ((negotiated == null || negotiated.isEmpty()) && requested != null && !requested.isBlank()) {
            close(SUBPROTOCOL_NOT_ACCEPTABLE, "Subprotocol not acceptable");
            return;
        }
        long timeout = Math.max(1, shared.config.subscriptions().initTimeout().toMillis());
        initTimer = shared.vertx.setTimer(timeout, id -> {
            if (!initReceived) {
                close(INIT_TIMEOUT, "Connection initialisation timeout");
            }
        });
    }

    void closed() {
        closed = true;
        cancelTimers();
        operations.values().forEach(LiveQueries.Handle::cancel);
        operations.clear();
    }

    void keepAlive() {
        if (acknowledged && !closed) {
            dialect.keepAlive(this);
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
            dialect.invalid(this, null, NOT_A_MESSAGE);
            return;
        }
        JsonNode idNode = message.get("id");
        String id = idNode == null || idNode.isNull() ? null : idNode.asText();
        dialect.receive(this, message.get("type").asText(), id, message.get("payload"));
    }

    /** {@code connection_init}: its payload's headers (or the payload itself) over the handshake's. */
    void init(JsonNode payload) {
        if (initReceived) {
            close(TOO_MANY_INITS, "Too many initialisation requests");
            return;
        }
        initReceived = true;
        if (initTimer >= 0) {
            shared.vertx.cancelTimer(initTimer);
            initTimer = -1;
        }
        Map<String, String> headers = headers(payload);
        shared.resolver.resolveAsync(headers::get, new ArrayList<>(headers.keySet())).onComplete(r -> {
            if (closed) {
                return;
            }
            if (r.failed()) {
                if (!(r.cause() instanceof AuthenticationException)) {
                    LOG.warn("could not resolve the session of a WebSocket", r.cause());
                }
                String message = r.cause() instanceof AuthenticationException ? r.cause().getMessage()
                        : "unexpected error";
                forbid(message, message);
                return;
            }
            session = r.result();
            acknowledged = true;
            dialect.acknowledge(this);
            session.expiresAt().ifPresent(this::expireAt);
        });
    }

    private Map<String, String> headers(JsonNode payload) {
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
        return headers;
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
        if (!closed) {
            forbid("Could not verify JWT: JWTExpired", "JWTExpired");
        }
    }

    /** Closes with 4403, after the dialect's message saying why where it has one. */
    private void forbid(String message, String reason) {
        dialect.connectionError(message).ifPresent(this::send);
        close(FORBIDDEN, "Forbidden: " + reason);
    }

    /** An operation ({@code subscribe} / {@code start}): a query or mutation runs once, a subscription until stopped. */
    void start(String id, JsonNode payload) {
        if (!acknowledged) {
            dialect.notAcknowledged(this, id);
            return;
        }
        if (id == null || id.isEmpty()) {
            dialect.missingId(this);
            return;
        }
        if (operations.containsKey(id) && !dialect.duplicateId(this, id)) {
            return;
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
        if (operation != null && operation.kind() == Operation.Kind.SUBSCRIPTION) {
            subscribe(id, request, prepared);
        } else {
            runOnce(id, prepared);
        }
    }

    private void runOnce(String id, GraphqlExecutor.Prepared prepared) {
        // a placeholder under the id, so that a stop before the result arrives drops the result
        LiveQueries.Handle placeholder = () -> { };
        operations.put(id, placeholder);
        shared.executor.run(shared.databases, prepared).onComplete(r -> {
            if (operations.remove(id, placeholder)) {
                if (r.succeeded()) {
                    sendData(id, r.result());
                } else {
                    sendResultErrors(id, errors.toError(r.cause()));
                }
                complete(id);
            }
        });
    }

    private void subscribe(String id, GraphqlRequest request, GraphqlExecutor.Prepared prepared) {
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

    void stop(String id) {
        if (id == null) {
            return;
        }
        LiveQueries.Handle handle = operations.remove(id);
        if (handle != null) {
            handle.cancel();
        }
    }

    private void sendData(String id, String data) {
        send(dialect.result(id, "{\"data\":" + data + "}"));
    }

    /** Errors as the operation's result: a {@code data}/{@code next} message with {@code errors}. */
    private void sendResultErrors(String id, GraphqlError error) {
        send(dialect.result(id, errors.body(error)));
    }

    /** The operation failed before it produced results: an {@code error} message. */
    void operationError(String id, GraphqlError error) {
        JsonNode errorList;
        try {
            errorList = shared.json.readTree(errors.body(error)).get("errors");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable error JSON", e); // ErrorResponses writes it: never happens
        }
        send(dialect.operationError(id, errorList));
    }

    private void complete(String id) {
        send(Frames.frame("complete", id, null));
    }

    void send(String text) {
        if (closed) {
            return;
        }
        connection.sendText(text).subscribe().with(v -> { }, e -> LOG.debugf("send failed: %s", e.getMessage()));
    }

    void ping(Buffer data) {
        connection.sendPing(data).subscribe().with(v -> { }, e -> { });
    }

    void close(int code, String reason) {
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
