package io.threefactor.engine.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.config.DatabaseProducer;
import io.threefactor.engine.config.EngineConfig;
import io.threefactor.engine.config.ListeningConnections;
import io.threefactor.engine.runtime.Blocking;
import io.threefactor.engine.runtime.EngineSnapshot;
import io.threefactor.engine.runtime.Snapshots;
import io.threefactor.engine.runtime.StartupState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Change-driven refresh. Installs the change triggers ({@link ChangeTriggers}) at start-up and after every metadata
 * reload (when the live queries and streams are also planned again for the new snapshot); one LISTEN connection
 * (reconnecting) gathers notified tables and row keys for {@code refetch-delay} and hands them to the live queries
 * and streams. A periodic tick runs their safety-net refreshes ({@code fallback-interval} for what triggers do not
 * cover, {@code covered-fallback-interval} for the rest).
 */
@Singleton
public class ChangeListener {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class);
    public static final String CHANNEL = ChangeTriggers.CHANNEL;

    @Inject
    Snapshots snapshots;

    @Inject
    Pool pool;

    @Inject
    StartupState startup;

    @Inject
    EngineConfig config;

    @Inject
    DatabaseProducer database;

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper json;

    @Inject
    ChangeState state;

    @Inject
    LiveQueries liveQueries;

    @Inject
    Streams streams;

    private PgSubscriber subscriber;
    private TableChanges pending = new TableChanges();
    private boolean flushScheduled;
    private long fallbackTimer = -1;

    void onStart(@Observes @Priority(5000) StartupEvent event) {
        if (!startup.ready()) {
            return;
        }
        if (config.subscriptions().changeTriggers()) {
            state.installed(Blocking.await(ChangeTriggers.install(pool, snapshots.current()), Duration.ofSeconds(60)));
            listen();
        }
        snapshots.onReload(this::reloaded);
        long every = Math.max(10, config.subscriptions().fallbackInterval().toMillis());
        fallbackTimer = vertx.setPeriodic(every, id -> {
            long now = System.nanoTime();
            liveQueries.fallback(now, every);
            streams.fallback(now, every);
        });
    }

    private volatile boolean stopping;

    private void listen() {
        subscriber = PgSubscriber.subscriber(vertx, database.connectOptions("threefactor-change-listener"))
                .reconnectPolicy(retries -> 200L);
        subscriber.closeHandler(v -> {
            state.listening(false);
            if (!stopping) {
                LOG.warn("change listener connection closed");
            }
        });
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        subscriber.channel(CHANNEL).subscribeHandler(v -> {
            ListeningConnections.reportErrorsTo(subscriber, LOG, "change listener");
            state.listening(true);
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

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (fallbackTimer >= 0) {
            vertx.cancelTimer(fallbackTimer);
        }
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /** Whether the LISTEN connection is up. */
    public boolean listening() {
        return state.listening();
    }

    /** A new snapshot: triggers for its tables, then every running subscription planned again against it. */
    private void reloaded(EngineSnapshot snapshot) {
        Future<Void> triggers = config.subscriptions().changeTriggers()
                ? ChangeTriggers.install(pool, snapshot).map(installed -> {
                    state.installed(installed);
                    return (Void) null;
                }).otherwise(e -> {
                    LOG.warnf("could not install change triggers: %s", e.getMessage());
                    return null;
                })
                : Future.succeededFuture();
        triggers.onComplete(x -> vertx.runOnContext(v -> {
            if (snapshots.current() == snapshot) {
                liveQueries.replan(snapshot);
                streams.replan(snapshot);
            }
        }));
    }

    /** Payload {@code {"t": [schema, table], "k": [[key text, …], …] | null}}; see {@link ChangeTriggers}. */
    private void notified(String payload) {
        QualifiedTable table;
        List<String> keys = null;
        String trace = null;
        try {
            JsonNode message = json.readTree(payload);
            JsonNode c = message.get("c");
            trace = c != null && c.isTextual() ? c.asText() : null;
            JsonNode t = message.get("t");
            table = new QualifiedTable(t.get(0).asText(), t.get(1).asText());
            JsonNode k = message.get("k");
            if (k != null && k.isArray()) {
                keys = new ArrayList<>(k.size());
                for (JsonNode row : k) {
                    List<String> values = new ArrayList<>(row.size());
                    row.forEach(v -> values.add(v.asText()));
                    keys.add(CohortKeys.tuple(values));
                }
            }
        } catch (Exception e) {
            LOG.debugf("unreadable change notification %s", payload);
            return;
        }
        long delay = config.subscriptions().refetchDelay().toMillis();
        synchronized (this) {
            pending.add(table, keys);
            if (trace != null) {
                pending.traced(trace);
            }
            for (QualifiedTable view : state.installed().dependents().getOrDefault(table, Set.of())) {
                pending.add(view, null);
            }
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
        TableChanges changes;
        synchronized (this) {
            changes = pending;
            pending = new TableChanges();
            flushScheduled = false;
        }
        liveQueries.tablesChanged(changes);
        streams.tablesChanged(changes.tables());
    }
}
