package io.threefactor.engine.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.WebSocketConnection;
import io.threefactor.engine.auth.SessionResolver;
import io.threefactor.engine.config.Databases;
import io.threefactor.engine.config.EngineConfig;
import io.threefactor.engine.execute.GraphqlExecutor;
import io.threefactor.engine.runtime.Snapshots;
import io.threefactor.engine.subscription.LiveQueries;
import io.threefactor.engine.subscription.Streams;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The open sockets and what they share: keep-alive timer, services. */
@Singleton
public class SocketSessions {

    @Inject
    Snapshots snapshots;

    @Inject
    GraphqlExecutor executor;

    @Inject
    Databases databases;

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

    private final Map<String, SocketSession> open = new ConcurrentHashMap<>();
    private static final int KEEP_ALIVE_SLOTS = 10;
    private final List<Long> timers = new ArrayList<>();

    /**
     * Keep-alives: {@code ka} messages on the legacy protocol every {@code keep-alive} (Hasura's 5 s; the legacy
     * client drops a connection without them), WebSocket ping frames on graphql-transport-ws every
     * {@code ping-interval} (the graphql-ws server library's 12 s: they only keep proxies from closing idle
     * connections, and at 10,000 sockets each 5 s of interval costs about 4% of a core). Each goes out in
     * {@value #KEEP_ALIVE_SLOTS} slices over its interval, each socket in its own slice, so that many sockets do
     * not all get theirs in one burst that delays the pushes behind it.
     */
    void onStart(@Observes StartupEvent event) {
        timers.add(sliced(config.subscriptions().keepAlive().toMillis(), Dialect.LEGACY_WS));
        timers.add(sliced(config.subscriptions().pingInterval().toMillis(), Dialect.TRANSPORT_WS));
    }

    /** Keep-alives every {@code intervalMillis} to the sockets that speak {@code dialect}. */
    private long sliced(long intervalMillis, Dialect dialect) {
        AtomicLong ticks = new AtomicLong();
        return vertx.setPeriodic(Math.max(100, intervalMillis / KEEP_ALIVE_SLOTS), id -> {
            int slot = (int) (ticks.getAndIncrement() % KEEP_ALIVE_SLOTS);
            for (Map.Entry<String, SocketSession> e : open.entrySet()) {
                if (e.getValue().dialect() == dialect && Math.floorMod(e.getKey().hashCode(), KEEP_ALIVE_SLOTS) == slot) {
                    e.getValue().keepAlive();
                }
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        timers.forEach(vertx::cancelTimer);
    }

    void open(WebSocketConnection connection) {
        SocketSession session = new SocketSession(this, connection);
        open.put(connection.id(), session);
        session.opened();
    }

    SocketSession get(WebSocketConnection connection) {
        return open.get(connection.id());
    }

    void closed(WebSocketConnection connection) {
        SocketSession session = open.remove(connection.id());
        if (session != null) {
            session.closed();
        }
    }

    /** Open sockets (tests, metrics). */
    public int count() {
        return open.size();
    }
}
