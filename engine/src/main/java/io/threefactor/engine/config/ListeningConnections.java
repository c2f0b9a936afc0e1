package io.threefactor.engine.config;

import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.jboss.logging.Logger;

/**
 * The engine's LISTEN connections report their own failures: a connection without an exception handler prints
 * the error to stderr (the SQL client's default), e.g. "terminating connection due to administrator command" on
 * every listener when the database stops. Their close handlers say what matters; the error itself is debug.
 */
public final class ListeningConnections {

    private ListeningConnections() {
    }

    /** Call once the subscriber is (re)connected: the handler belongs to the connection, which a reconnect replaces. */
    public static void reportErrorsTo(PgSubscriber subscriber, Logger log, String what) {
        PgConnection connection = subscriber.actualConnection();
        if (connection != null) {
            connection.exceptionHandler(e -> log.debugf("%s connection: %s", what, e.getMessage()));
        }
    }
}
