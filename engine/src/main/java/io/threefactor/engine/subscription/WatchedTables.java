package io.threefactor.engine.subscription;

import io.quarkus.runtime.ShutdownEvent;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.config.EngineConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables this instance's live queries and streams read, leased in {@value ChangeTriggers#WATCHED} so that the
 * change triggers notify for them (and only for them: NOTIFY serialises commits). A lease lasts {@link #LEASE} and is
 * renewed every third of it while some subscription reads the table; a crashed instance's leases just expire, and an
 * expired or stale lease costs at most some needless notifications. A table read for the first time is leased
 * before the subscription's first fetch, so no change after that fetch goes unnotified.
 */
@Singleton
public class WatchedTables {

    private static final Logger LOG = Logger.getLogger(WatchedTables.class);
    static final Duration LEASE = Duration.ofSeconds(60);
    private static final String UPSERT = """
            INSERT INTO hdb_catalog.threefactor_watched_table AS w (table_schema, table_name, expires_at)
            SELECT s, t, now() + $3::int * interval '1 second' FROM unnest($1::text[], $2::text[]) AS x(s, t)
            ON CONFLICT (table_schema, table_name) DO UPDATE SET expires_at = greatest(w.expires_at, excluded.expires_at)""";
    private static final String CLEANUP =
            "DELETE FROM hdb_catalog.threefactor_watched_table WHERE expires_at < now() - interval '1 hour'";

    @Inject
    Pool pool;

    @Inject
    EngineConfig config;

    @Inject
    Vertx vertx;

    private final Map<QualifiedTable, Integer> readers = new HashMap<>();
    private final Set<QualifiedTable> leased = new HashSet<>();
    private long renewTimer = -1;

    /** Counts a reader of these tables; completes once each is leased (at once if all already are). */
    public Future<Void> watch(Collection<QualifiedTable> tables) {
        Set<QualifiedTable> fresh = new HashSet<>();
        synchronized (this) {
            if (!config.subscriptions().changeTriggers()) {
                return Future.succeededFuture();
            }
            for (QualifiedTable t : tables) {
                readers.merge(t, 1, Integer::sum);
                if (!leased.contains(t)) {
                    fresh.add(t);
                }
            }
            if (renewTimer < 0) {
                renewTimer = vertx.setPeriodic(LEASE.toMillis() / 3, id -> renew());
            }
        }
        if (fresh.isEmpty()) {
            return Future.succeededFuture();
        }
        return lease(fresh).onSuccess(v -> {
            synchronized (this) {
                fresh.stream().filter(readers::containsKey).forEach(leased::add);
            }
        });
    }

    /**
     * One reader fewer. A table nobody reads any more keeps its lease until it expires, but a new reader leases it
     * again (the row may have been cleaned up meanwhile).
     */
    public synchronized void unwatch(Collection<QualifiedTable> tables) {
        for (QualifiedTable t : tables) {
            if (readers.computeIfPresent(t, (k, n) -> n > 1 ? n - 1 : null) == null) {
                leased.remove(t);
            }
        }
    }

    /** Tables read right now (tests). */
    public synchronized Set<QualifiedTable> watched() {
        return Set.copyOf(readers.keySet());
    }

    private void renew() {
        Set<QualifiedTable> tables;
        synchronized (this) {
            leased.retainAll(readers.keySet());
            tables = Set.copyOf(readers.keySet());
        }
        if (!tables.isEmpty()) {
            lease(tables);
        }
        pool.query(CLEANUP).execute().onFailure(e -> LOG.debugf("lease cleanup failed: %s", e.getMessage()));
    }

    private Future<Void> lease(Set<QualifiedTable> tables) {
        List<QualifiedTable> list = List.copyOf(tables);
        String[] schemas = list.stream().map(QualifiedTable::schema).toArray(String[]::new);
        String[] names = list.stream().map(QualifiedTable::name).toArray(String[]::new);
        return pool.preparedQuery(UPSERT)
                .execute(Tuple.of(schemas, names, (int) LEASE.toSeconds()))
                .<Void>mapEmpty()
                .recover(e -> {
                    // the safety-net refresh still runs; the next renewal tries again
                    LOG.warnf("could not lease watched tables %s: %s", list, e.getMessage());
                    return Future.succeededFuture();
                });
    }

    void onStop(@Observes ShutdownEvent event) {
        synchronized (this) {
            if (renewTimer >= 0) {
                vertx.cancelTimer(renewTimer);
            }
        }
    }
}
