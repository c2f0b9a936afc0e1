package io.threefactor.triggers.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.jboss.logging.Logger;

/**
 * Deletes old processed events in batches, each its own short transaction (rows locked with SKIP LOCKED, so it never
 * waits on deliverers or on another instance's cleanup). Errored events stay unless the request includes them:
 * they are what an operator needs to redeliver.
 */
public final class EventLogCleanup {
    private static final Logger LOG = Logger.getLogger(EventLogCleanup.class);

    private static final String BATCH = """
            WITH victims AS (
              SELECT id FROM hdb_catalog.event_log
              WHERE created_at < (now() AT TIME ZONE 'utc') - $1 * interval '1 millisecond'
                AND (delivered = 't' OR (error = 't' AND $2))
                AND (cardinality($3::text[]) = 0 OR trigger_name = ANY ($3))
              ORDER BY created_at
              LIMIT $4
              FOR UPDATE SKIP LOCKED
            ), invocations AS (
              DELETE FROM hdb_catalog.event_invocation_logs i USING victims v
              WHERE $5 AND i.event_id = v.id
              RETURNING 1
            ), events AS (
              DELETE FROM hdb_catalog.event_log e USING victims v WHERE e.id = v.id
              RETURNING 1
            )
            SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM invocations) AS invocations
            """;

    private final Vertx vertx;
    private final Pool pool;
    private boolean scheduledRunActive;

    public EventLogCleanup(Vertx vertx, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
    }

    public Future<CleanupResult> run(CleanupRequest request) {
        return nextBatch(request, new CleanupResult(0, 0, 0));
    }

    /** Runs the request every {@code intervalMs}; a run still going when the next is due makes it skip. */
    public long schedule(CleanupRequest request, long intervalMs) {
        return vertx.setPeriodic(intervalMs, t -> {
            if (scheduledRunActive) {
                return;
            }
            scheduledRunActive = true;
            run(request).onComplete(ar -> {
                scheduledRunActive = false;
                if (ar.succeeded() && ar.result().deletedEvents() > 0) {
                    LOG.infof("event log cleanup: %d events, %d invocation logs deleted",
                            ar.result().deletedEvents(), ar.result().deletedInvocationLogs());
                } else if (ar.failed()) {
                    LOG.warnf("event log cleanup failed: %s", ar.cause().getMessage());
                }
            });
        });
    }

    private Future<CleanupResult> nextBatch(CleanupRequest request, CleanupResult soFar) {
        Tuple params = Tuple.of(request.olderThan().toMillis(), request.includeErrored(),
                request.triggerNames().toArray(String[]::new), request.batchSize(), request.cleanInvocationLogs());
        return pool.preparedQuery(BATCH).execute(params).compose(rows -> {
            Row row = rows.iterator().next();
            long events = row.getLong("events");
            CleanupResult total = soFar.plus(events, row.getLong("invocations"));
            return events < request.batchSize() ? Future.succeededFuture(total) : nextBatch(request, total);
        });
    }
}
