package io.threefactor.engine.subscription;

import io.threefactor.engine.execute.ParamBinder;
import io.threefactor.engine.sql.CompiledSql;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fetches cohorts of one live query: one multiplexed statement per chunk of {@code cohortsPerStatement} cohorts,
 * a row per cohort, whose result is pushed to the cohort's subscribers when its hash changed. Statements are
 * numbered, so an older statement's answer never replaces a newer one.
 */
final class MultiplexedFetch {

    private static final Logger LOG = Logger.getLogger(MultiplexedFetch.class);

    private final CompiledSql sql;
    private final Pool pool;
    private final ParamBinder binder;
    private final int cohortsPerStatement;
    private final LiveCounters counters;
    private final AtomicLong sequence = new AtomicLong();

    MultiplexedFetch(CompiledSql sql, Pool pool, ParamBinder binder, int cohortsPerStatement, LiveCounters counters) {
        this.sql = sql;
        this.pool = pool;
        this.binder = binder;
        this.cohortsPerStatement = Math.max(1, cohortsPerStatement);
        this.counters = counters;
    }

    /**
     * Fetches the cohorts, at most {@code lanes} statements at a time. A failed first fetch ({@code initial}) ends
     * the cohorts' subscriptions with the error; a failed refetch leaves them on their last result.
     */
    Future<Void> fetch(Collection<Cohort> cohorts, boolean initial, int lanes) {
        if (cohorts.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Cohort> all = new ArrayList<>(cohorts);
        List<List<Cohort>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += cohortsPerStatement) {
            chunks.add(all.subList(from, Math.min(all.size(), from + cohortsPerStatement)));
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<Void>> running = new ArrayList<>();
        for (int lane = 0; lane < Math.min(lanes, chunks.size()); lane++) {
            Promise<Void> done = Promise.promise();
            nextChunk(chunks, next, initial, done);
            running.add(done.future());
        }
        return Future.join(running).mapEmpty();
    }

    /** One lane: takes the next chunk not yet taken, until none is left. */
    private void nextChunk(List<List<Cohort>> chunks, AtomicInteger next, boolean initial, Promise<Void> done) {
        int i = next.getAndIncrement();
        if (i >= chunks.size()) {
            done.complete();
            return;
        }
        fetchChunk(chunks.get(i), initial).onComplete(x -> nextChunk(chunks, next, initial, done));
    }

    private Future<Void> fetchChunk(List<Cohort> chunk, boolean initial) {
        String[] ids = new String[chunk.size()];
        String[] vars = new String[chunk.size()];
        String[] sess = new String[chunk.size()];
        Map<String, Cohort> byId = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            Cohort c = chunk.get(i);
            ids[i] = c.id;
            vars[i] = c.variables;
            sess[i] = c.session;
            byId.put(c.id, c);
        }
        long seq = sequence.incrementAndGet();
        counters.statements.incrementAndGet();
        counters.cohortsFetched.addAndGet(chunk.size());
        return pool.preparedQuery(sql.sql())
                .execute(binder.bindMultiplexed(sql.params(), ids, vars, sess))
                .onSuccess(rows -> deliver(rows, byId, seq))
                .onFailure(e -> {
                    LOG.warnf("live query refetch failed: %s", e.getMessage());
                    if (initial) {
                        chunk.forEach(c -> c.subscribers().forEach(s -> s.fail(e)));
                    }
                })
                .<Void>mapEmpty()
                .otherwiseEmpty();
    }

    /** Pushes each row's result to its cohort; a cohort that left meanwhile has no subscribers to push to. */
    private void deliver(RowSet<Row> rows, Map<String, Cohort> byId, long seq) {
        for (Row row : rows) {
            Cohort c = byId.get(row.getString(0));
            Cohort.Result result = Cohort.Result.of(row.getString(1));
            if (c == null || !c.accept(seq, result)) {
                continue;
            }
            for (Subscriber s : c.subscribers()) {
                if (s.push(result)) {
                    counters.pushes.incrementAndGet();
                }
            }
        }
    }
}
