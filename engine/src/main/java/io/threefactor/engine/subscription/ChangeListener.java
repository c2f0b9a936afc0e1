package io.threefactor.engine.subscription;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.catalog.TableInfo;
import io.threefactor.engine.config.DatabaseProducer;
import io.threefactor.engine.config.EngineConfig;
import io.threefactor.engine.metadata.TableMetadata;
import io.threefactor.engine.runtime.Engine;
import io.threefactor.engine.runtime.EngineSnapshot;
import io.threefactor.engine.sql.Sql;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Row;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Change-driven refresh. Installs a statement-level {@code AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE} trigger
 * on every tracked table (idempotent; again whenever the engine snapshot changes) that NOTIFYs
 * {@value #CHANNEL} with {@code schema.table}; one LISTEN connection (reconnecting) gathers notified tables for
 * {@code refetch-delay} and then refetches the live queries and streams that read them (views: through the
 * tables they are built on). The fallback interval refetches everything.
 */
@Singleton
public class ChangeListener {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class);
    public static final String CHANNEL = "threefactor_table_changed";
    static final String TRIGGER = "threefactor_notify_change";
    static final String FUNCTION = """
            CREATE OR REPLACE FUNCTION hdb_catalog.threefactor_notify_change() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
              PERFORM pg_notify('threefactor_table_changed', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME);
              RETURN NULL;
            END
            $$""";
    private static final String VIEW_BASES = """
            SELECT DISTINCT vn.nspname, v.relname, bn.nspname, b.relname
            FROM pg_rewrite r
            JOIN pg_class v ON v.oid = r.ev_class JOIN pg_namespace vn ON vn.oid = v.relnamespace
            JOIN pg_depend d ON d.objid = r.oid AND d.classid = 'pg_rewrite'::regclass
                 AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> r.ev_class
            JOIN pg_class b ON b.oid = d.refobjid JOIN pg_namespace bn ON bn.oid = b.relnamespace
            WHERE v.relkind IN ('v', 'm') AND b.relkind IN ('r', 'p', 'v', 'm')""";

    @Inject
    Engine engine;

    @Inject
    EngineConfig config;

    @Inject
    DatabaseProducer database;

    @Inject
    Vertx vertx;

    @Inject
    LiveQueries liveQueries;

    @Inject
    Streams streams;

    private PgSubscriber subscriber;
    private final Set<QualifiedTable> changed = new HashSet<>();
    private boolean flushScheduled;
    private volatile long installedGeneration = -1;
    private volatile Map<QualifiedTable, Set<QualifiedTable>> dependents = Map.of();
    private long fallbackTimer = -1;
    private volatile boolean listening;

    void onStart(@Observes @Priority(5000) StartupEvent event) {
        if (!engine.ready()) {
            return;
        }
        if (config.subscriptions().changeTriggers()) {
            await(install(engine.snapshot()));
            subscriber = PgSubscriber.subscriber(vertx, database.connectOptions())
                    .reconnectPolicy(retries -> 200L);
            subscriber.closeHandler(v -> {
                listening = false;
                LOG.warn("change listener connection closed");
            });
            java.util.concurrent.CompletableFuture<Void> subscribed = new java.util.concurrent.CompletableFuture<>();
            subscriber.channel(CHANNEL).subscribeHandler(v -> {
                listening = true;
                subscribed.complete(null);
                // changes may have happened while we were not listening
                liveQueries.refreshAll();
                streams.refreshAll();
            }).handler(this::notified);
            subscriber.connect().onFailure(subscribed::completeExceptionally);
            try {
                subscribed.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("could not LISTEN for table changes", e);
            }
        }
        long every = Math.max(10, config.subscriptions().fallbackInterval().toMillis());
        fallbackTimer = vertx.setPeriodic(every, id -> fallback());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (fallbackTimer >= 0) {
            vertx.cancelTimer(fallbackTimer);
        }
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /** Whether the LISTEN connection is up. */
    public boolean listening() {
        return listening;
    }

    private void fallback() {
        EngineSnapshot snapshot = engine.snapshot();
        if (config.subscriptions().changeTriggers() && snapshot != null
                && snapshot.generation() != installedGeneration) {
            install(snapshot).onFailure(e -> LOG.warnf("could not install change triggers: %s", e.getMessage()));
        }
        liveQueries.refreshAll();
        streams.refreshAll();
    }

    private void notified(String payload) {
        int dot = payload.indexOf('.');
        if (dot < 0) {
            return;
        }
        QualifiedTable table = new QualifiedTable(payload.substring(0, dot), payload.substring(dot + 1));
        long delay = config.subscriptions().refetchDelay().toMillis();
        synchronized (changed) {
            changed.add(table);
            changed.addAll(dependents.getOrDefault(table, Set.of()));
            if (flushScheduled) {
                return;
            }
            flushScheduled = true;
        }
        if (delay <= 0) {
            vertx.runOnContext(v -> flush());
        } else {
            vertx.setTimer(delay, id -> flush());
        }
    }

    private void flush() {
        Set<QualifiedTable> tables;
        synchronized (changed) {
            tables = new HashSet<>(changed);
            changed.clear();
            flushScheduled = false;
        }
        liveQueries.tablesChanged(tables);
        streams.tablesChanged(tables);
    }

    /** Creates the trigger function and a trigger on every tracked base table; maps views to their tables. */
    Future<Void> install(EngineSnapshot snapshot) {
        List<String> statements = new ArrayList<>();
        statements.add(FUNCTION);
        for (TableMetadata t : snapshot.metadata().tables()) {
            TableInfo info = snapshot.catalog().table(t.table()).orElse(null);
            if (info == null || !(info.kind() == TableInfo.Kind.TABLE || info.kind() == TableInfo.Kind.PARTITIONED_TABLE
                    || info.kind() == TableInfo.Kind.FOREIGN_TABLE)) {
                continue;
            }
            statements.add("CREATE OR REPLACE TRIGGER " + TRIGGER + " AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "
                    + Sql.table(t.table()) + " FOR EACH STATEMENT EXECUTE FUNCTION hdb_catalog.threefactor_notify_change()");
        }
        Future<Void> chain = Future.succeededFuture();
        for (String sql : statements) {
            chain = chain.compose(x -> engine.pool().query(sql).execute()
                    .<Void>mapEmpty()
                    .recover(e -> {
                        LOG.warnf("change trigger not installed (%s): %s", sql.length() > 120 ? sql.substring(0, 120) : sql,
                                e.getMessage());
                        return Future.succeededFuture();
                    }));
        }
        return chain.compose(x -> engine.pool().query(VIEW_BASES).execute()).map(rows -> {
            Map<QualifiedTable, Set<QualifiedTable>> map = new HashMap<>();
            for (Row r : rows) {
                QualifiedTable view = new QualifiedTable(r.getString(0), r.getString(1));
                QualifiedTable base = new QualifiedTable(r.getString(2), r.getString(3));
                map.computeIfAbsent(base, k -> new HashSet<>()).add(view);
            }
            // views over views: close transitively
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Set<QualifiedTable> views : map.values()) {
                    for (QualifiedTable v : new ArrayList<>(views)) {
                        if (views.addAll(map.getOrDefault(v, Set.of()))) {
                            grew = true;
                        }
                    }
                }
            }
            dependents = map;
            installedGeneration = snapshot.generation();
            return null;
        });
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
