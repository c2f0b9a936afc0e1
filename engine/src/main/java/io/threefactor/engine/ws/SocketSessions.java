package io.threefactor.engine.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.WebSocketConnection;
import io.threefactor.engine.config.EngineConfig;
import io.threefactor.engine.runtime.Engine;
import io.threefactor.engine.session.SessionResolver;
import io.threefactor.engine.subscription.LiveQueries;
import io.threefactor.engine.subscription.Streams;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The open sockets and what they share: keep-alive timer, services. */
@Singleton
public class SocketSessions {

    @Inject
    Engine engine;

    @Inject
    SessionResolver resolver;

    @Inject
    LiveQueries liveQueries;

    @Inject
    Streams streams;

    @Inject
    EngineConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Vertx vertx;

    private final Map<String, ProtocolSession> open = new ConcurrentHashMap<>();
    private long keepAliveTimer = -1;

    void onStart(@Observes StartupEvent event) {
        long every = Math.max(100, config.subscriptions().keepAlive().toMillis());
        keepAliveTimer = vertx.setPeriodic(every, id -> open.values().forEach(ProtocolSession::keepAlive));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (keepAliveTimer >= 0) {
            vertx.cancelTimer(keepAliveTimer);
        }
    }

    void open(WebSocketConnection connection) {
        ProtocolSession session = new ProtocolSession(this, connection);
        open.put(connection.id(), session);
        session.opened();
    }

    ProtocolSession get(WebSocketConnection connection) {
        return open.get(connection.id());
    }

    void closed(WebSocketConnection connection) {
        ProtocolSession session = open.remove(connection.id());
        if (session != null) {
            session.closed();
        }
    }

    /** Open sockets (tests, metrics). */
    public int count() {
        return open.size();
    }
}
