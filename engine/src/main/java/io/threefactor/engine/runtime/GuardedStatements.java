package io.threefactor.engine.runtime;

import io.threefactor.engine.error.PlanningException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;

import java.time.Duration;
import java.util.function.Function;

/**
 * Runs a request's statements on one connection under its time limit: when the limit passes, or the client goes
 * away, Postgres is sent a cancel request for the running statement and the request fails with Hasura's
 * {@code timeout} code. The connection goes back to the pool only after the cancel request was answered, so a
 * late cancel can never hit the next borrower's statement.
 */
public final class GuardedStatements {

    private final Vertx vertx;

    public GuardedStatements(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The time limit of a request, and the signal that its client left. */
    public record Guard(Duration limit, Cancellation cancellation) {
        public static Guard unlimited() {
            return new Guard(Duration.ZERO, Cancellation.none());
        }
    }

    public <T> Future<T> withConnection(Pool pool, Guard guard, Function<SqlConnection, Future<T>> work) {
        return pool.withConnection(conn -> guarded(conn, guard, work));
    }

    public <T> Future<T> withTransaction(Pool pool, Guard guard, Function<SqlConnection, Future<T>> work) {
        return pool.withTransaction(conn -> guarded(conn, guard, work));
    }

    private <T> Future<T> guarded(SqlConnection conn, Guard guard, Function<SqlConnection, Future<T>> work) {
        if (guard.cancellation().cancelled()) {
            return Future.failedFuture(clientGone());
        }
        Watch watch = new Watch(PgConnection.cast(conn));
        long timer = guard.limit().isZero() ? -1 : vertx.setTimer(guard.limit().toMillis(), t -> watch.stop(
                new PlanningException("timeout", "the operation exceeded the time limit of " + seconds(guard.limit()), "$")));
        guard.cancellation().onCancel(() -> vertx.runOnContext(v -> watch.stop(clientGone())));
        Future<T> result;
        try {
            result = work.apply(conn);
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        return result
                .eventually(() -> {
                    if (timer >= 0) {
                        vertx.cancelTimer(timer);
                    }
                    return watch.finish();
                })
                .recover(e -> Future.failedFuture(watch.reason(e)));
    }

    /** One guarded run: at most one cancel request, none once the work has finished. */
    private static final class Watch {
        private final PgConnection conn;
        private PlanningException reason;
        private Future<Void> cancelSent = Future.succeededFuture();
        private boolean finished;

        Watch(PgConnection conn) {
            this.conn = conn;
        }

        synchronized void stop(PlanningException why) {
            if (!finished && reason == null) {
                reason = why;
                cancelSent = conn.cancelRequest();
            }
        }

        synchronized Future<Void> finish() {
            finished = true;
            return cancelSent.otherwiseEmpty();
        }

        synchronized Throwable reason(Throwable failure) {
            return reason != null ? reason : failure;
        }
    }

    private static PlanningException clientGone() {
        return new PlanningException("timeout", "the client closed the connection before the operation finished", "$");
    }

    private static String seconds(Duration limit) {
        long ms = limit.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + (ms == 1000 ? " second" : " seconds") : ms + " ms";
    }
}
