package io.threefactor.engine.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.trace.Tracer;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.catalog.TableInfo;
import io.threefactor.engine.config.EngineConfig;
import io.threefactor.engine.execute.GraphqlExecutor;
import io.threefactor.engine.execute.GraphqlRequest;
import io.threefactor.engine.execute.Plan;
import io.threefactor.engine.runtime.EngineSnapshot;
import io.threefactor.engine.runtime.Snapshots;
import io.threefactor.engine.sql.SqlCompiler;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Multiplexed live queries. Subscribers with the same plan (role, query, operation name and plan-shaping
 * variables) form a group ({@link LiveGroup}); each distinct (variables, session variables) within it is a cohort.
 * Refreshes are requested by table changes ({@link #tablesChanged}), by the safety-net tick ({@link #fallback}),
 * and after a metadata reload every subscriber is planned again ({@link #replan}).
 */
@Singleton
public class LiveQueries {

    @Inject
    Snapshots snapshots;

    @Inject
    GraphqlExecutor executor;

    @Inject
    Pool pool;

    @Inject
    EngineConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Vertx vertx;

    @Inject
    ChangeState changes;

    @Inject
    WatchedTables watched;

    @Inject
    Tracer tracer;

    @Inject
    SqlCompiler compiler;

    private final Map<Plan, LiveGroup> groups = new ConcurrentHashMap<>();
    private final LiveCounters counters = new LiveCounters();
    private final AtomicLong cohortIds = new AtomicLong();

    /** A running subscription; {@link #cancel()} ends it. */
    public interface Handle {
        void cancel();
    }

    /**
     * Subscribes to a prepared subscription operation whose roots are live queries; the first result follows at
     * once. The request is kept to plan the subscription again after a metadata reload.
     */
    public Handle subscribe(GraphqlRequest request, GraphqlExecutor.Prepared prepared, SubscriptionSink sink) {
        SessionVariables.require(executor.binder(), prepared);
        Subscriber subscriber = new Subscriber(request, prepared.session(), sink);
        attach(subscriber, prepared);
        return subscriber::cancel;
    }

    private void attach(Subscriber subscriber, GraphqlExecutor.Prepared prepared) {
        String vars = canonical(variablesJson(prepared.variables()));
        String sess = canonical(json.valueToTree(prepared.session().variables()));
        while (true) {
            LiveGroup group = groups.computeIfAbsent(prepared.plan(), this::newGroup);
            if (group.join(subscriber, vars, sess)) {
                return;
            }
            // the group closed between lookup and join: its last subscriber just left
            groups.remove(prepared.plan(), group);
        }
    }

    private LiveGroup newGroup(Plan plan) {
        EngineSnapshot snapshot = snapshots.current();
        CohortKeys keys = CohortKeys.of(plan.operation(), t -> snapshot.catalog().table(t)
                .map(TableInfo::primaryKey).orElse(List.of()));
        TableDependencies.Reads reads = TableDependencies.of(plan.operation());
        Set<QualifiedTable> watchedTables = changes.triggerTables(reads.tables());
        EngineConfig.Subscriptions settings = config.subscriptions();
        CohortIndex cohorts = new CohortIndex(keys, reads.tables(), json, cohortIds::incrementAndGet);
        MultiplexedFetch fetch = new MultiplexedFetch(compiler.compileMultiplexed(plan.operation()), pool,
                executor.binder(), settings.cohortsPerStatement(), counters);
        RefreshScheduler refreshes = new RefreshScheduler(cohorts, fetch, watched.watch(watchedTables), vertx, tracer,
                counters, settings.fallbackInterval(), settings.coveredFallbackInterval());
        return new LiveGroup(plan, reads, watchedTables, cohorts, refreshes, this::closed);
    }

    private void closed(LiveGroup group) {
        groups.remove(group.plan, group);
        watched.unwatch(group.watchedTables);
    }

    /** Refetches, in the groups reading the changed tables, the cohorts the changes concern. */
    public void tablesChanged(TableChanges changed) {
        for (LiveGroup g : groups.values()) {
            g.changed(changed);
        }
    }

    /** Refetches every group now (e.g. after the change listener reconnected). */
    public void refreshAll() {
        groups.values().forEach(LiveGroup::refreshAll);
    }

    /** The safety-net tick: each group whose interval has passed is refetched in the background. */
    public void fallback(long nowNanos, long tickMillis) {
        FallbackDue due = FallbackDue.of(config.subscriptions(), tickMillis);
        for (LiveGroup g : groups.values()) {
            g.fallback(nowNanos, due.nanos(changes.covers(g.reads)));
        }
    }

    /**
     * Plans every subscriber again against a new snapshot. A subscriber whose plan changed (a permission, a column,
     * a relationship) moves to the group of its new plan and gets a result if it differs from its last one; one
     * that no longer plans (a field or table that is gone, a role without access) ends with that error.
     */
    public void replan(EngineSnapshot snapshot) {
        for (LiveGroup group : new ArrayList<>(groups.values())) {
            for (Subscriber s : group.subscribers()) {
                GraphqlExecutor.Prepared prepared;
                try {
                    prepared = executor.prepare(snapshot, s.session, s.request);
                } catch (RuntimeException e) {
                    s.fail(e);
                    continue;
                }
                if (!prepared.plan().equals(group.plan)) {
                    s.detach();
                    attach(s, prepared);
                }
            }
        }
    }

    /** SQL statements run for live queries since start (tests and metrics). */
    public long statementsExecuted() {
        return counters.statements.get();
    }

    /** Group refreshes (each runs one statement per {@code cohortsPerStatement} cohorts it refetches) since start. */
    public long refreshes() {
        return counters.refreshes.get();
    }

    /** Cohort results fetched (a statement fetches up to {@code cohortsPerStatement}) since start. */
    public long cohortsFetched() {
        return counters.cohortsFetched.get();
    }

    /** Results pushed to subscribers since start. */
    public long pushes() {
        return counters.pushes.get();
    }

    public int groupCount() {
        return groups.size();
    }

    public int cohortCount() {
        return groups.values().stream().mapToInt(LiveGroup::cohortCount).sum();
    }

    private JsonNode variablesJson(Map<String, JsonNode> variables) {
        ObjectNode node = json.createObjectNode();
        new TreeMap<>(variables).forEach(node::set);
        return node;
    }

    private String canonical(JsonNode node) {
        try {
            return json.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(json.treeToValue(node, Object.class));
        } catch (Exception e) {
            return node.toString();
        }
    }
}
