package io.threefactor.engine.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.threefactor.engine.error.GraphqlError;
import io.threefactor.engine.execute.GraphqlExecutor;
import io.threefactor.engine.execute.GraphqlRequest;
import io.threefactor.engine.http.ErrorResponses;
import io.threefactor.engine.ir.Operation;
import io.threefactor.engine.runtime.Cancellation;
import io.threefactor.engine.runtime.EngineSnapshot;
import io.threefactor.engine.runtime.GuardedStatements;
import io.threefactor.engine.session.AuthenticationException;
import io.threefactor.engine.session.Session;
import io.threefactor.engine.subscription.LiveQueries;
import io.threefactor.engine.subscription.Streams;
import io.threefactor.engine.subscription.SubscriptionSink;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.jboss.logging.Logger;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
 * <p>As in Hasura, a query's result and an operation refused when it starts end with {@code complete}, on either
 * protocol; a subscription that fails later (a reload removed what it reads) ends with its {@code error} alone.
 * 4406 closes a socket that asked for a sub-protocol neither is.
 */
final class SocketSession {

    private static final Logger LOG = Logger.getLogger(SocketSession.class);
    private static final int NORMAL_CLOSURE = 1000;
    private static final int SUBPROTOCOL_NOT_ACCEPTABLE = 4406;

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
                dialect.initTimedOut(this);
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
        ClientMessage message;
        try {
            message = ClientMessage.parse(shared.json, text);
        } catch (ClientMessage.Invalid e) {
            dialect.invalid(this, e.getMessage());
            return;
        }
        if (message instanceof ClientMessage.Init init) {
            init(init.payload());
        } else if (message instanceof ClientMessage.Start start) {
            start(start.id(), start.request());
        } else if (message instanceof ClientMessage.Stop stop) {
            stop(stop.id());
        } else if (message instanceof ClientMessage.Terminate) {
            close(NORMAL_CLOSURE, "GQL_CONNECTION_TERMINATE received");
        } else if (message instanceof ClientMessage.Ping ping) {
            send(Frames.frame("pong", null,
                    ping.payload() == null || ping.payload().isNull() ? null : ping.payload().toString()));
        } // Pong: the client's own keep-alive, nothing to answer
    }

    /** A binary message: its bytes as UTF-8 text, or, when they are not, a text that is not a message. */
    void receive(byte[] data) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            if (!closed) {
                dialect.invalid(this, "parsing ClientMessage failed: a binary message that is not UTF-8 text");
            }
            return;
        }
        receive(text);
    }

    /** A message larger than the configured bound (Vert.x dropped it): answered as one that is not a message. */
    void oversized(int limit) {
        if (!closed) {
            dialect.invalid(this, "parsing ClientMessage failed: the message is larger than " + limit + " bytes");
        }
    }

    /** {@code connection_init}: its payload's headers (or the payload itself) over the handshake's. */
    void init(JsonNode payload) {
        if (initReceived && !dialect.reinit(this)) {
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
                dialect.initFailed(this, message);
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
        if (expiryTimer >= 0) {
            shared.vertx.cancelTimer(expiryTimer); // a second connection_init (legacy) brings its own token
            expiryTimer = -1;
        }
        long delay = Duration.between(Instant.now(), at).toMillis();
        if (delay <= 0) {
            expired();
            return;
        }
        expiryTimer = shared.vertx.setTimer(delay, id -> expired());
    }

    /** The session's token expired: the socket closes as if its credentials had been refused. */
    private void expired() {
        if (!closed) {
            dialect.initFailed(this, "Could not verify JWT: JWTExpired");
        }
    }

    /** An operation ({@code subscribe} / {@code start}): a query or mutation runs once, a subscription until stopped. */
    void start(String id, GraphqlRequest request) {
        if (!acknowledged) {
            dialect.notAcknowledged(this, id);
            return;
        }
        if (operations.containsKey(id)) {
            dialect.duplicateId(this, id);
            return;
        }
        // the id is taken while a new document is prepared off the event loop; a stop meanwhile cancels the operation
        Cancellation cancellation = new Cancellation();
        LiveQueries.Handle preparing = cancellation::cancel;
        operations.put(id, preparing);
        EngineSnapshot snapshot = shared.snapshots.current();
        shared.executor.prepareOffLoop(snapshot, session, request).onComplete(r -> {
            if (closed || !operations.remove(id, preparing)) {
                return; // stopped, or the socket closed, while it was prepared
            }
            if (r.failed()) {
                operationError(id, errors.toError(r.cause()));
                complete(id);
                return;
            }
            GraphqlExecutor.Prepared prepared = r.result();
            Operation operation = prepared.plan().operation();
            if (operation != null && operation.kind() == Operation.Kind.SUBSCRIPTION) {
                subscribe(id, request, prepared);
            } else {
                runOnce(id, prepared, shared.executor.guard(snapshot, session, cancellation), cancellation);
            }
        });
    }

    /** A query or mutation under the role's time limit; a stop before its result cancels it in Postgres. */
    private void runOnce(String id, GraphqlExecutor.Prepared prepared, GuardedStatements.Guard guard,
                         Cancellation cancellation) {
        LiveQueries.Handle running = cancellation::cancel;
        operations.put(id, running);
        Future<String> result;
        try {
            result = shared.executor.run(shared.databases, prepared, guard);
        } catch (RuntimeException e) { // refused before it ran (a missing session variable): as if when prepared
            operations.remove(id, running);
            operationError(id, errors.toError(e));
            complete(id);
            return;
        }
        result.onComplete(r -> {
            if (operations.remove(id, running)) {
                if (r.succeeded()) {
                    sendData(id, r.result());
                } else {
                    send(dialect.executionError(id, errorList(errors.toError(r.cause()))));
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
            complete(id);
        }
    }

    void stop(String id) {
        LiveQueries.Handle handle = operations.remove(id);
        if (handle != null) {
            handle.cancel();
        }
    }

    private void sendData(String id, String data) {
        send(dialect.result(id, "{\"data\":" + data + "}"));
    }

    /** The operation failed before it produced results: an {@code error} message. */
    private void operationError(String id, GraphqlError error) {
        send(dialect.operationError(id, errorList(error)));
    }

    /**
     * Hasura's answer to an operation it will not start (before {@code connection_ack}, a duplicate id): an
     * {@code error} whose payload is the one {@code start-failed} error, then {@code complete}.
     */
    void startFailed(String id, String message) {
        send(Frames.frame("error", id, errorList(new GraphqlError(message, "$", "start-failed")).get(0).toString()));
        complete(id);
    }

    private JsonNode errorList(GraphqlError error) {
        try {
            return shared.json.readTree(errors.body(error)).get("errors");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable error JSON", e); // ErrorResponses writes it: never happens
        }
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
        connection.close(new CloseReason(code, Frames.closeReason(reason))).subscribe().with(v -> { }, e -> { });
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
            operationError(id, errors.toError(failure)); // the error ends it: nothing follows
        }
    }
}
