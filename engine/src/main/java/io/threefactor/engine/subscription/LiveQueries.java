package io.threefactor.engine.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.config.EngineConfig;
import io.threefactor.engine.execute.GraphqlExecutor;
import io.threefactor.engine.execute.Plan;
import io.threefactor.engine.runtime.Engine;
import io.threefactor.engine.sql.CompiledSql;
import io.threefactor.engine.sql.SqlCompiler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Multiplexed live queries. Subscribers with the same plan (role, query, operation name and plan-shaping
 * variables) form a group; each distinct (variables, session variables) within it is a cohort. A refresh runs
 * one statement per {@code cohortsPerStatement} cohorts of a group and pushes a cohort's result only when its
 * hash changed. Refreshes are requested by table changes ({@link #tablesChanged}) and by the fallback interval.
 */
@Singleton
public class LiveQueries {

    private static final Logger LOG = Logger.getLogger(LiveQueries.class);

    @Inject
    Engine engine;

    @Inject
    EngineConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Vertx vertx;

    private final SqlCompiler compiler = new SqlCompiler();
    private final Map<Plan, Group> groups = new ConcurrentHashMap<>();
    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong cohortIds = new AtomicLong();
    private final AtomicLong pushes = new AtomicLong();
    private final AtomicLong refreshes = new AtomicLong();

    /** A running subscription; {@link #cancel()} ends it. */
    public interface Handle {
        void cancel();
    }

    /** Subscribes to a prepared subscription operation whose roots are live queries; the first result follows at once. */
    public Handle subscribe(GraphqlExecutor.Prepared prepared, SubscriptionSink sink) {
        Plan plan = prepared.plan();
        Group group = groups.computeIfAbsent(plan, p -> new Group(p, compiler.compileMultiplexed(p.operation()),
                TableDependencies.of(p.operation())));
        String vars = canonical(variablesJson(prepared.variables()));
        String sess = canonical(json.valueToTree(prepared.session().variables()));
        Subscriber subscriber = new Subscriber(sink);
        Cohort cohort;
        String lastData;
        boolean fresh;
        synchronized (group) {
            String key = vars + '\u0000' + sess;
            cohort = group.cohorts.get(key);
            fresh = cohort == null;
            if (fresh) {
                cohort = new Cohort(Long.toString(cohortIds.incrementAndGet()), key, vars, sess);
                group.cohorts.put(key, cohort);
                group.byId.put(cohort.id, cohort);
            }
            cohort.subscribers.add(subscriber);
            lastData = cohort.lastData;
        }
        if (fresh) {
            group.fetchNew(cohort);
        } else if (lastData != null) {
            subscriber.sink.next(lastData);
        } else {
            // the cohort's first fetch is under way: it will push to every subscriber it has then
        }
        Cohort c = cohort;
        return () -> unsubscribe(group, c, subscriber);
    }

    private void unsubscribe(Group group, Cohort cohort, Subscriber subscriber) {
        synchronized (group) {
            cohort.subscribers.remove(subscriber);
            if (cohort.subscribers.isEmpty()) {
                group.cohorts.remove(cohort.key);
                group.byId.remove(cohort.id);
            }
            if (group.cohorts.isEmpty()) {
                groups.remove(group.plan, group);
                group.closed = true;
            }
        }
    }

    /** Refetches the groups reading any of these tables. */
    public void tablesChanged(Set<QualifiedTable> tables) {
        for (Group g : groups.values()) {
            for (QualifiedTable t : g.tables) {
                if (tables.contains(t)) {
                    g.refresh(true);
                    break;
                }
            }
        }
    }

    /** Refetches every group (the fallback interval); a group whose refresh is under way is left alone. */
    public void refreshAll() {
        groups.values().forEach(g -> g.refresh(false));
    }

    /** SQL statements run for live queries since start (tests and metrics). */
    public long statementsExecuted() {
        return statements.get();
    }

    /** Group refreshes (each runs one statement per {@code cohortsPerStatement} cohorts) since start. */
    public long refreshes() {
        return refreshes.get();
    }

    /** Results pushed to subscribers since start. */
    public long pushes() {
        return pushes.get();
    }

    public int groupCount() {
        return groups.size();
    }

    public int cohortCount() {
        return groups.values().stream().mapToInt(g -> g.cohorts.size()).sum();
    }

    private JsonNode variablesJson(Map<String, JsonNode> variables) {
        ObjectNode node = json.createObjectNode();
        new TreeMap<>(variables).forEach(node::set);
        return node;
    }

    private String canonical(JsonNode node) {
        try {
            return json.writer().with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(json.treeToValue(node, Object.class));
        } catch (Exception e) {
            return node.toString();
        }
    }

    /** 64-bit FNV-1a of the result text. */
    static long hash(String data) {
        long h = 0xcbf29ce484222325L;
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h ^ bytes.length;
    }

    private static final class Subscriber {
        final SubscriptionSink sink;

        Subscriber(SubscriptionSink sink) {
            this.sink = sink;
        }
    }

    private static final class Cohort {
        final String id;
        final String key;
        final String variables;
        final String session;
        final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
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

    private final class Group {
        final Plan plan;
        final CompiledSql sql;
        final Set<QualifiedTable> tables;
        final Map<String, Cohort> cohorts = new HashMap<>();
        final Map<String, Cohort> byId = new HashMap<>();
        final AtomicLong sequence = new AtomicLong();
        final List<Cohort> pendingNew = new ArrayList<>();
        boolean changeRefreshing;
        long lastChangeRefresh = System.nanoTime() - Long.MAX_VALUE / 2;
        final long fallbackNanos = config.subscriptions().fallbackInterval().toNanos() / 2;
        boolean fallbackRefreshing;
        boolean dirty;
        boolean newScheduled;
        volatile boolean closed;

        Group(Plan plan, CompiledSql sql, Set<QualifiedTable> tables) {
            this.plan = plan;
            this.sql = sql;
            this.tables = tables;
        }

        /** Fetches new cohorts on the next tick, together, so a burst of subscribers costs few statements. */
        void fetchNew(Cohort cohort) {
            synchronized (this) {
                pendingNew.add(cohort);
                if (newScheduled) {
                    return;
                }
                newScheduled = true;
            }
            vertx.runOnContext(x -> {
                List<Cohort> batch;
                synchronized (this) {
                    batch = new ArrayList<>(pendingNew);
                    pendingNew.clear();
                    newScheduled = false;
                }
                fetch(batch, true);
            });
        }

        /**
         * A change refresh starts at once unless another change refresh is running (then it runs again after
         * it): it does not wait behind a fallback refresh. A fallback refresh is skipped while any refresh runs.
         * Results carry a sequence number, so an older statement's answer never replaces a newer one.
         */
        void refresh(boolean change) {
            List<Cohort> all;
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (!change && System.nanoTime() - lastChangeRefresh < fallbackNanos) {
                    // refreshed by a change within the interval: the fallback's guarantee already holds
                    return;
                }
                if (change ? changeRefreshing : (changeRefreshing || fallbackRefreshing)) {
                    if (change) {
                        dirty = true;
                    }
                    return;
                }
                if (change) {
                    changeRefreshing = true;
                    dirty = false;
                    lastChangeRefresh = System.nanoTime();
                } else {
                    fallbackRefreshing = true;
                }
                all = new ArrayList<>(cohorts.values());
            }
            if (!all.isEmpty()) {
                refreshes.incrementAndGet();
            }
            fetch(all, false).onComplete(done -> {
                boolean again = false;
                synchronized (this) {
                    if (change) {
                        changeRefreshing = false;
                        again = dirty;
                    } else {
                        fallbackRefreshing = false;
                    }
                }
                if (again) {
                    refresh(true);
                }
            });
        }

        /** One statement per chunk of cohorts, all chunks concurrently. */
        Future<Void> fetch(Collection<Cohort> list, boolean initial) {
            if (list.isEmpty()) {
                return Future.succeededFuture();
            }
            int per = Math.max(1, config.subscriptions().cohortsPerStatement());
            List<Cohort> all = new ArrayList<>(list);
            List<Future<?>> parts = new ArrayList<>();
            for (int from = 0; from < all.size(); from += per) {
                List<Cohort> chunk = all.subList(from, Math.min(all.size(), from + per));
                parts.add(fetchChunk(chunk, initial));
            }
            return Future.join(parts).mapEmpty();
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
            statements.incrementAndGet();
            return engine.pool().preparedQuery(sql.sql())
                    .execute(engine.executor().binder().bindMultiplexed(sql.params(), ids, vars, sess))
                    .onSuccess(rows -> deliver(rows, seq))
                    .onFailure(e -> {
                        LOG.warnf("live query refetch failed: %s", e.getMessage());
                        if (initial) {
                            for (Cohort c : chunk) {
                                c.subscribers.forEach(s -> s.sink.error(e));
                            }
                        }
                    })
                    .<Void>mapEmpty()
                    .otherwiseEmpty();
        }

        private void deliver(RowSet<Row> rows, long seq) {
            for (Row row : rows) {
                String data = row.getString(1);
                Cohort c;
                synchronized (this) {
                    c = byId.get(row.getString(0));
                    if (c == null || seq < c.lastSequence) {
                        continue;
                    }
                    c.lastSequence = seq;
                    long h = hash(data);
                    if (c.lastData != null && h == c.lastHash) {
                        continue;
                    }
                    c.lastHash = h;
                    c.lastData = data;
                }
                for (Subscriber s : c.subscribers) {
                    pushes.incrementAndGet();
                    s.sink.next(data);
                }
            }
        }
    }
}
