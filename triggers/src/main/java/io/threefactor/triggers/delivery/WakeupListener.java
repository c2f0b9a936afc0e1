package io.threefactor.triggers.delivery;

import io.threefactor.triggers.capture.EventLogSchema;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.jboss.logging.Logger;

/**
 * LISTENs on the capture triggers' channel and calls {@code onNotify} for each notification, and
 * {@code onConnected} after every (re)connection, since notifications sent while disconnected are lost; the poll
 * covers the gap meanwhile.
 */
final class WakeupListener {
    private static final Logger LOG = Logger.getLogger(WakeupListener.class);
    private static final long RECONNECT_DELAY_MS = 500;

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final Runnable onNotify;
    private final Runnable onConnected;
    private PgSubscriber subscriber;
    private volatile boolean closed;

    WakeupListener(Vertx vertx, PgConnectOptions options, Runnable onNotify, Runnable onConnected) {
        this.vertx = vertx;
        this.options = options;
        this.onNotify = onNotify;
        this.onConnected = onConnected;
    }

    Future<Void> start() {
        closed = false;
        subscriber = PgSubscriber.subscriber(vertx, listening(options))
                .reconnectPolicy(retries -> closed ? -1L : RECONNECT_DELAY_MS);
        subscriber.channel(EventLogSchema.NOTIFY_CHANNEL)
                .subscribeHandler(v -> {
                    // A connection without an exception handler prints its errors to stderr; the close handler
                    // below reports what matters.
                    subscriber.actualConnection().exceptionHandler(e -> LOG.debugf("event notification connection: %s",
                            e.getMessage()));
                    onConnected.run();
                })
                .handler(payload -> onNotify.run());
        subscriber.closeHandler(v -> {
            if (!closed) {
                LOG.warn("event notification connection closed; reconnecting");
                vertx.setTimer(RECONNECT_DELAY_MS, t -> connect());
            }
        });
        return connect().recover(e -> Future.succeededFuture());
    }

    private Future<Void> connect() {
        if (closed) {
            return Future.succeededFuture();
        }
        return subscriber.connect().onFailure(e -> {
            LOG.warnf("cannot LISTEN for events (%s); polling meanwhile, retrying", e.getMessage());
            vertx.setTimer(RECONNECT_DELAY_MS, t -> connect());
        });
    }

    Future<Void> close() {
        closed = true;
        return subscriber == null ? Future.succeededFuture() : subscriber.close();
    }

    /** The listening connection under a metrics name of its own (SQL client metrics are kept per name). */
    private static PgConnectOptions listening(PgConnectOptions options) {
        PgConnectOptions named = new PgConnectOptions(options);
        named.setMetricsName(options.getMetricsName() + "-wakeup");
        return named;
    }
}
