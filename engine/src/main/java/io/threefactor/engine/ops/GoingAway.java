package io.threefactor.engine.ops;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;

/**
 * Graceful shutdown of the WebSockets: every open socket is closed with 1001 (going away) before the HTTP server
 * stops, so clients (graphql-ws, Apollo, urql) reconnect to another instance at once instead of waiting for a
 * keep-alive timeout. HTTP requests in flight get {@code quarkus.shutdown.timeout}; event deliveries are drained by
 * {@code events/EventTriggerService}.
 */
@Singleton
public class GoingAway {

    private static final Logger LOG = Logger.getLogger(GoingAway.class);
    public static final CloseReason GOING_AWAY = new CloseReason(1001, "Going Away");

    @Inject
    OpenConnections connections;

    /** Pre-shutdown: before the HTTP server stops taking requests. */
    void onShutdownInitiated(@Observes ShutdownDelayInitiatedEvent event) {
        goingAway();
    }

    /** Fallback, before the other shutdown observers (lower priority values run first). */
    void onStop(@Observes @Priority(10) ShutdownEvent event) {
        goingAway();
    }

    private void goingAway() {
        int closed = closeAll(Duration.ofSeconds(2));
        if (closed > 0) {
            LOG.infof("closed %d WebSocket(s) with 1001 going away", closed);
        }
    }

    /** Closes every open socket with 1001 and waits up to {@code wait} for the close frames; returns how many. */
    public int closeAll(Duration wait) {
        List<Uni<Void>> closing = new ArrayList<>();
        for (WebSocketConnection c : connections.listAll()) {
            if (c.isOpen()) {
                closing.add(c.close(GOING_AWAY).onFailure().recoverWithNull());
            }
        }
        if (!closing.isEmpty()) {
            try {
                Uni.join().all(closing).andCollectFailures().ifNoItem().after(wait).recoverWithItem(List.of()).await().indefinitely();
            } catch (RuntimeException e) {
                LOG.debugf("closing WebSockets: %s", e.getMessage());
            }
        }
        return closing.size();
    }
}
