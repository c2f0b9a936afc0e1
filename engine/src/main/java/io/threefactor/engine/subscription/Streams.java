package io.threefactor.engine.subscription;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.config.EngineConfig;
import io.threefactor.engine.error.PlanningException;
import io.threefactor.engine.execute.GraphqlExecutor;
import io.threefactor.engine.execute.GraphqlRequest;
import io.threefactor.engine.ir.RootNode;
import io.threefactor.engine.runtime.EngineSnapshot;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streaming subscriptions ({@code t_stream}): rows after a cursor, in batches, then new rows as they commit,
 * in cursor order and without skipping a row that a slow transaction commits after rows with higher cursor
 * values were already visible.
 *
 * <p>How each stream keeps that order is {@link Stream}'s to tell. It holds for cursors that grow with time as
 * they are taken (sequences, identity columns, {@code now()}), which is what streams are used for; it needs
 * {@code pg_stat_activity} to show other sessions' transaction start (superuser, the database owner's own
 * sessions, or {@code pg_read_all_stats}).
 */
@Singleton
public class Streams {

    @Inject
    Pool pool;

    @Inject
    GraphqlExecutor executor;

    @Inject
    ObjectMapper json;

    @Inject
    Vertx vertx;

    @Inject
    EngineConfig config;

    @Inject
    ChangeState changes;

    @Inject
    WatchedTables watched;

    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final AtomicLong rounds = new AtomicLong();

    /** Whether a prepared subscription is a stream (its single root is {@code t_stream}). */
    public static boolean isStream(GraphqlExecutor.Prepared prepared) {
        return prepared.plan().operation() != null
                && prepared.plan().operation().roots().stream().anyMatch(r -> r instanceof RootNode.SelectStream);
    }

    /** Starts a stream; the request is kept to plan it again after a metadata reload. */
    public LiveQueries.Handle subscribe(GraphqlRequest request, GraphqlExecutor.Prepared prepared, SubscriptionSink sink) {
        SessionVariables.require(executor.binder(), prepared);
        Stream stream = new Stream(request, sink, new StreamReads(pool, executor.binder(), rounds), json, vertx,
                changes, this::closed);
        stream.plan(prepared);
        streams.add(stream);
        // the first round waits for the tables' leases; a transaction in flight while they were written may
        // commit unnotified, so one more round follows a fallback interval later
        long late = Math.max(1, config.subscriptions().fallbackInterval().toMillis());
        watched.watch(stream.watchedTables()).onComplete(x -> {
            stream.request(0);
            vertx.setTimer(late, id -> stream.request(0));
        });
        return stream::close;
    }

    public void tablesChanged(Set<QualifiedTable> tables) {
        for (Stream s : streams) {
            if (s.tableReads().tables().stream().anyMatch(tables::contains)) {
                s.request(0);
            }
        }
    }

    /** Runs a round of every stream now (e.g. after the change listener reconnected). */
    public void refreshAll() {
        streams.forEach(s -> s.request(0));
    }

    /** The safety-net tick: a stream that has not run a round for its interval runs one. */
    public void fallback(long nowNanos, long tickMillis) {
        FallbackDue due = FallbackDue.of(config.subscriptions(), tickMillis);
        for (Stream s : streams) {
            if (nowNanos - s.lastRound() >= due.nanos(changes.covers(s.tableReads()))) {
                s.request(0);
            }
        }
    }

    /**
     * Plans every stream again against a new snapshot (keeping its cursor): a permission change applies to the
     * next batch; a stream that no longer plans ends with that error.
     */
    public void replan(EngineSnapshot snapshot) {
        for (Stream s : streams) {
            try {
                GraphqlExecutor.Prepared prepared = executor.prepare(snapshot, s.session(), s.request);
                if (!isStream(prepared)) {
                    throw new PlanningException("validation-failed", "the subscription is no longer a stream", "$");
                }
                Set<QualifiedTable> before = s.watchedTables();
                s.plan(prepared);
                watched.watch(s.watchedTables());
                watched.unwatch(before);
                s.request(0);
            } catch (RuntimeException e) {
                s.fail(e);
            }
        }
    }

    private void closed(Stream stream) {
        streams.remove(stream);
        watched.unwatch(stream.watchedTables());
    }

    public int count() {
        return streams.size();
    }

    /** Rounds (three short statements each) run since start. */
    public long rounds() {
        return rounds.get();
    }
}
