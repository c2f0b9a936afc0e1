package io.threefactor.engine.admin;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.threefactor.engine.config.DatabaseProducer;
import io.threefactor.engine.config.ListeningConnections;
import io.threefactor.engine.runtime.EngineSnapshot;
import io.threefactor.engine.runtime.MetadataStore;
import io.threefactor.engine.runtime.Snapshots;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.concurrent.TimeUnit;

/**
 * Follows other instances' metadata saves: LISTENs on {@link MetadataStore#CHANGE_CHANNEL} and reloads when the
 * notified resource version is newer than the one served.
 */
@Singleton
public class MetadataReloadListener {

    private static final Logger LOG = Logger.getLogger(MetadataReloadListener.class);

    private final Vertx vertx;
    private final DatabaseProducer database;
    private final Snapshots snapshots;
    private final MetadataTransaction transaction;
    private final RequestQueue queue;
    private PgSubscriber subscriber;

    @Inject
    MetadataReloadListener(Vertx vertx, DatabaseProducer database, Snapshots snapshots,
                           MetadataTransaction transaction, RequestQueue queue) {
        this.vertx = vertx;
        this.database = database;
        this.snapshots = snapshots;
        this.transaction = transaction;
        this.queue = queue;
    }

    /** LISTEN for other instances' metadata saves (after the engine and the event triggers started). */
    void onStart(@Observes @Priority(3100) StartupEvent event) {
        subscriber = PgSubscriber.subscriber(vertx, database.connectOptions("threefactor-metadata-listener"))
                .reconnectPolicy(retries -> 500L);
        subscriber.channel(MetadataStore.CHANGE_CHANNEL)
                .subscribeHandler(v -> ListeningConnections.reportErrorsTo(subscriber, LOG, "metadata listener"))
                .handler(this::onNotify);
        Promise<Void> connected = Promise.promise();
        // a reconnect calls the handler again: only the first outcome counts
        subscriber.connect(ar -> {
            if (ar.succeeded()) {
                connected.tryComplete();
            } else {
                connected.tryFail(ar.cause());
            }
        });
        try {
            connected.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("could not LISTEN for metadata changes; other instances' changes need a restart", e);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close();
        }
    }

    private void onNotify(String payload) {
        long version;
        try {
            version = Long.parseLong(payload.trim());
        } catch (NumberFormatException e) {
            version = Long.MAX_VALUE;
        }
        EngineSnapshot current = snapshots.current();
        long known = current == null ? -1 : current.metadata().resourceVersion();
        if (version <= known) {
            return;
        }
        reloadFromStore().onFailure(e -> LOG.warn("reload after a metadata change notification failed", e));
    }

    /** Reloads metadata and catalog (another instance changed them) and updates delivery; for tests and tools. */
    public Future<EngineSnapshot> reloadFromStore() {
        return queue.enqueue(() -> transaction.reloadAll(false));
    }
}
