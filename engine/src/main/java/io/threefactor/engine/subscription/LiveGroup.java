package io.threefactor.engine.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.execute.Plan;
import io.threefactor.engine.sql.CompiledSql;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import io.vertx.sqlclient.Pool;
import io.threefactor.engine.execute.GraphqlExecutor;

/**
 * The subscribers of one plan. Each distinct (variables, session variables) is a cohort; one statement answers up
 * to {@code cohorts-per-statement} cohorts, and a cohort's result is pushed only when its hash changed.
 *
 * <p>Refreshes: a change refetches the cohorts it concerns ({@link CohortKeys}: only those keyed by a changed row,
 * or all), at once, and queues behind a running change refresh (whose concerned cohorts it merges with); the
 * safety net refetches all cohorts, two statements at a time so that it never crowds out change refreshes, and is
 * skipped while any refresh runs. Results carry a sequence number, so an older statement's answer never replaces
 * a newer one.
 */
final class LiveGroup {

    private static final Logger LOG = Logger.getLogger(LiveGroup.class);
    /** Statements a safety-net refresh runs at once: enough to finish soon, few enough to leave the pool free. */
    private static final int SAFETY_NET_LANES = 2;

    /** Subscribers with the same variables and session variables. */
    static final class Cohort {
        final String id;
        final String key;
        final String variables;
        final String session;
        final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
        /** Per keyed table, the key tuples by which its changes concern this cohort (null: every change). */
        final Map<QualifiedTable, Set<String>> keys = new HashMap<>();
        volatile String lastData;
        long lastHash;
        long lastSequence = -1;

        Cohort(String id, String key, String variables, String session) {
            this.id = id;
            this.key = key;
            this.variables = variables;
            this.session = session;
        }
    }

    private final LiveQueries owner;
    final Plan plan;
    private final CompiledSql sql;
    final TableDependencies.Reads reads;
    private final CohortKeys cohortKeys;
    private final Set<QualifiedTable> watchedTables;
    private final Map<String, Cohort> cohorts = new HashMap<>();
    private final Map<String, Cohort> byId = new HashMap<>();
    /** Per keyed table: cohorts by key tuple, and the cohorts every change of it concerns. */
    private final Map<QualifiedTable, Map<String, Set<Cohort>>> byKey = new HashMap<>();
    private final Map<QualifiedTable, Set<Cohort>> always = new HashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final List<Cohort> pendingNew = new ArrayList<>();
    private final Set<Cohort> pendingChanged = new LinkedHashSet<>();
    private final Future<Void> ready;
    /** The traces of the writes the next change refresh serves. */
    private ChangeTrace pendingTrace = ChangeTrace.NONE;
    private boolean pendingAll;
    private boolean changeRefreshing;
    private boolean fallbackRefreshing;
    private boolean newScheduled;
    private long lastFullRefresh;
    private boolean closed;

    LiveGroup(LiveQueries owner, Plan plan, CompiledSql sql, TableDependencies.Reads reads, CohortKeys cohortKeys) {
        this.owner = owner;
        this.plan = plan;
        this.sql = sql;
        this.reads = reads;
        this.cohortKeys = cohortKeys;
        this.watchedTables = owner.changes.triggerTables(reads.tables());
        // spread the safety-net refreshes of groups over the interval
        long spread = owner.config.subscriptions().coveredFallbackInterval().toNanos() / 2;
        this.lastFullRefresh = System.nanoTime() - (spread > 0 ? ThreadLocalRandom.current().nextLong(spread) : 0);
        // first fetches wait for the tables' leases, so no change after them goes unnotified
        this.ready = owner.watched.watch(watchedTables);
        // a transaction in flight while the leases were written may commit unnotified: refetch once after it
        long late = Math.max(1, owner.config.subscriptions().fallbackInterval().toMillis());
        ready.onComplete(x -> owner.vertx.setTimer(late, id -> refreshAllNow()));
    }

    /** Adds a subscriber to its cohort (created and fetched if new); false if the group has closed. */
    boolean join(Subscriber subscriber, String vars, String sess) {
        Cohort cohort;
        String lastData;
        long lastHash;
        boolean fresh;
        boolean placed;
        synchronized (this) {
            if (closed) {
                return false;
            }
            String key = vars + '\u0000' + sess;
            cohort = cohorts.get(key);
            fresh = cohort == null;
            if (fresh) {
                cohort = new Cohort(Long.toString(owner.cohortIds.incrementAndGet()), key, vars, sess);
                cohorts.put(key, cohort);
                byId.put(cohort.id, cohort);
                index(cohort);
            }
            placed = subscriber.place(this, cohort);
            if (placed) {
                cohort.subscribers.add(subscriber);
            }
            lastData = cohort.lastData;
            lastHash = cohort.lastHash;
        }
        if (!placed) {
            // cancelled meanwhile: drop the cohort (and the group) if it was made for this subscriber alone
            leave(cohort, subscriber);
            return true;
        }
        if (fresh) {
            fetchNew(cohort);
        } else if (lastData != null) {
            subscriber.push(lastData, lastHash);
        }
        // else: the cohort's first fetch is under way and will push to every subscriber it has then
        return true;
    }

    void leave(Cohort cohort, Subscriber subscriber) {
        boolean nowEmpty;
        synchronized (this) {
            cohort.subscribers.remove(subscriber);
            if (cohort.subscribers.isEmpty() && cohorts.remove(cohort.key, cohort)) {
                byId.remove(cohort.id);
                unindex(cohort);
            }
            nowEmpty = cohorts.isEmpty() && !closed;
            if (nowEmpty) {
                closed = true;
            }
        }
        if (nowEmpty) {
            owner.closed(this);
            owner.watched.unwatch(watchedTables);
        }
    }

    synchronized List<Subscriber> subscribers() {
        List<Subscriber> out = new ArrayList<>();
        cohorts.values().forEach(c -> out.addAll(c.subscribers));
        return out;
    }

    synchronized int cohortCount() {
        return cohorts.size();
    }

    private void index(Cohort cohort) {
        if (cohortKeys.keyedTables().isEmpty()) {
            return;
        }
        JsonNode vars = read(cohort.variables);
        JsonNode sess = read(cohort.session);
        for (QualifiedTable t : cohortKeys.keyedTables()) {
            Set<String> tuples = cohortKeys.tuples(t, vars, sess, owner.json);
            cohort.keys.put(t, tuples);
            if (tuples == null) {
                always.computeIfAbsent(t, k -> new HashSet<>()).add(cohort);
            } else {
                Map<String, Set<Cohort>> index = byKey.computeIfAbsent(t, k -> new HashMap<>());
                tuples.forEach(tuple -> index.computeIfAbsent(tuple, k -> new HashSet<>()).add(cohort));
            }
        }
    }

    private void unindex(Cohort cohort) {
        cohort.keys.forEach((t, tuples) -> {
            if (tuples == null) {
                always.getOrDefault(t, new HashSet<>()).remove(cohort);
            } else {
                Map<String, Set<Cohort>> index = byKey.getOrDefault(t, Map.of());
                for (String tuple : tuples) {
                    Set<Cohort> set = index.get(tuple);
                    if (set != null && set.remove(cohort) && set.isEmpty()) {
                        index.remove(tuple);
                    }
                }
            }
        });
    }

    private JsonNode read(String text) {
        try {
            return owner.json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fetches new cohorts on the next tick, together, so a burst of subscribers costs few statements. */
    private void fetchNew(Cohort cohort) {
        synchronized (this) {
            pendingNew.add(cohort);
            if (newScheduled) {
                return;
            }
            newScheduled = true;
        }
        ready.onComplete(r -> owner.vertx.runOnContext(x -> {
            List<Cohort> batch;
            synchronized (this) {
                batch = new ArrayList<>(pendingNew);
                pendingNew.clear();
                newScheduled = false;
            }
            fetch(batch, true, Integer.MAX_VALUE);
        }));
    }

    /** Marks the cohorts these changes concern and refetches them. */
    void changed(TableChanges changes) {
        boolean concerned = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            for (QualifiedTable t : reads.tables()) {
                if (!changes.tables().contains(t)) {
                    continue;
                }
                concerned = true;
                Set<String> keys = changes.keys(t);
                if (keys == null || !cohortKeys.keyed(t)) {
                    pendingAll = true;
                    break;
                }
                Map<String, Set<Cohort>> index = byKey.getOrDefault(t, Map.of());
                for (String k : keys) {
                    pendingChanged.addAll(index.getOrDefault(k, Set.of()));
                }
                pendingChanged.addAll(always.getOrDefault(t, Set.of()));
            }
            if (concerned) {
                pendingTrace = pendingTrace.and(changes.trace());
            }
        }
        if (concerned) {
            startChangeRefresh();
        }
    }

    /** Refetches every cohort as a change refresh would. */
    void refreshAllNow() {
        synchronized (this) {
            pendingAll = true;
        }
        startChangeRefresh();
    }

    private void startChangeRefresh() {
        List<Cohort> list;
        ChangeTrace trace;
        synchronized (this) {
            if (closed || changeRefreshing || (!pendingAll && pendingChanged.isEmpty())) {
                return;
            }
            if (pendingAll) {
                list = new ArrayList<>(cohorts.values());
                lastFullRefresh = System.nanoTime();
            } else {
                list = new ArrayList<>();
                pendingChanged.stream().filter(c -> byId.get(c.id) == c).forEach(list::add);
            }
            pendingAll = false;
            pendingChanged.clear();
            changeRefreshing = true;
            trace = pendingTrace;
            pendingTrace = ChangeTrace.NONE;
        }
        owner.refreshes.incrementAndGet();
        // A span of the writes' trace (when they carried one) from the refetch to the last push it makes.
        io.opentelemetry.api.trace.Span span = trace.start(owner.tracer(), "subscription refresh");
        span.setAttribute("threefactor.subscription.cohorts", list.size());
        fetch(list, false, Integer.MAX_VALUE).onComplete(done -> {
            span.end();
            synchronized (this) {
                changeRefreshing = false;
            }
            startChangeRefresh();
        });
    }

    /** The safety net: refetches everything if nothing did for {@code dueNanos}, unless a refresh is running. */
    void fallback(long nowNanos, long dueNanos) {
        List<Cohort> all;
        synchronized (this) {
            if (closed || changeRefreshing || fallbackRefreshing || nowNanos - lastFullRefresh < dueNanos) {
                return;
            }
            fallbackRefreshing = true;
            lastFullRefresh = nowNanos;
            all = new ArrayList<>(cohorts.values());
        }
        owner.refreshes.incrementAndGet();
        fetch(all, false, SAFETY_NET_LANES).onComplete(done -> {
            synchronized (this) {
                fallbackRefreshing = false;
            }
        });
    }

    /** One statement per chunk of cohorts, at most {@code lanes} at a time. */
    private Future<Void> fetch(Collection<Cohort> list, boolean initial, int lanes) {
        if (list.isEmpty()) {
            return Future.succeededFuture();
        }
        int per = Math.max(1, owner.config.subscriptions().cohortsPerStatement());
        List<Cohort> all = new ArrayList<>(list);
        List<List<Cohort>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += per) {
            chunks.add(all.subList(from, Math.min(all.size(), from + per)));
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
        for (int i = 0; i < ids.length; i++) {
            Cohort c = chunk.get(i);
            ids[i] = c.id;
            vars[i] = c.variables;
            sess[i] = c.session;
        }
        long seq = sequence.incrementAndGet();
        owner.statements.incrementAndGet();
        owner.cohortsFetched.addAndGet(chunk.size());
        return owner.pool.preparedQuery(sql.sql())
                .execute(owner.executor.binder().bindMultiplexed(sql.params(), ids, vars, sess))
                .onSuccess(rows -> deliver(rows, seq))
                .onFailure(e -> {
                    LOG.warnf("live query refetch failed: %s", e.getMessage());
                    if (initial) {
                        chunk.forEach(c -> c.subscribers.forEach(s -> s.fail(e)));
                    }
                })
                .<Void>mapEmpty()
                .otherwiseEmpty();
    }

    private void deliver(RowSet<Row> rows, long seq) {
        for (Row row : rows) {
            String data = row.getString(1);
            long h = LiveQueries.hash(data);
            Cohort c;
            synchronized (this) {
                c = byId.get(row.getString(0));
                if (c == null || seq < c.lastSequence) {
                    continue;
                }
                c.lastSequence = seq;
                if (c.lastData != null && h == c.lastHash) {
                    continue;
                }
                c.lastHash = h;
                c.lastData = data;
            }
            for (Subscriber s : c.subscribers) {
                if (s.push(data, h)) {
                    owner.pushes.incrementAndGet();
                }
            }
        }
    }
}
