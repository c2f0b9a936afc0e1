package io.threefactor.triggers;

import io.micrometer.core.instrument.MeterRegistry;
import io.threefactor.triggers.api.EventLogApi;
import io.threefactor.triggers.api.EventLogCleanup;
import io.threefactor.triggers.capture.CaptureInstaller;
import io.threefactor.triggers.capture.PayloadColumns;
import io.threefactor.triggers.capture.EventLogSchema;
import io.threefactor.triggers.definition.CreateEventTrigger;
import io.threefactor.triggers.definition.EventTriggerDefinition;
import io.threefactor.triggers.delivery.Deliverer;
import io.threefactor.triggers.delivery.DeliveryMetrics;
import io.threefactor.triggers.delivery.DeliverySettings;
import io.threefactor.triggers.delivery.TriggerRegistry;
import io.threefactor.triggers.target.HttpSender;
import io.threefactor.triggers.target.MessageChannel;
import io.threefactor.triggers.target.TargetDispatcher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * The event trigger subsystem, for the engine to create once per instance from its own Vert.x and Pool:
 * <pre>
 * EventTriggers triggers = new EventTriggers(vertx, pool, pgConnectOptions, config, channel, meterRegistry);
 * triggers.ensureSchema()                       // hdb_catalog tables, once at boot
 *         .compose(v -> triggers.registerAll(definitionsFromMetadata))
 *         .compose(v -> triggers.start());      // delivery; triggers.stop() on shutdown
 * </pre>
 * {@code pool} serves DDL, the API and cleanup; {@code pgConnectOptions} open the LISTEN connection and the deliverer's
 * own small pool ({@link TriggersConfig#deliveryConnections()} connections).
 */
public final class EventTriggers {
    private final Vertx vertx;
    private final TriggersConfig config;
    private final TriggerRegistry registry = new TriggerRegistry();
    private final CaptureInstaller installer;
    private final Pool pool;
    private final Pool deliveryPool;
    private final WebClient webClient;
    private final Deliverer deliverer;
    private final EventLogApi api;
    private final EventLogCleanup cleanup;
    private final DeliveryMetrics metrics;
    private long cleanupTimer = -1;

    /**
     * @param channel where {@code channel} targets publish ({@link MessageChannel#NONE} if unused)
     * @param meters  the engine's registry (null: meters are kept privately)
     */
    public EventTriggers(Vertx vertx, Pool pool, PgConnectOptions listenOptions, TriggersConfig config,
            MessageChannel channel, MeterRegistry meters) {
        this.vertx = vertx;
        this.pool = pool;
        this.config = config;
        this.installer = new CaptureInstaller(pool, new PayloadColumns(config.stringifyNumericTypes()));
        this.webClient = WebClient.create(vertx, new WebClientOptions()
                .setMaxPoolSize(config.httpPoolSize())
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setUserAgent("threefactor-event-triggers"));
        HttpSender http = new HttpSender(webClient, config.responseTruncationLimit());
        TargetDispatcher dispatcher = new TargetDispatcher(http, channel, config.environment(), config.functions());
        this.metrics = new DeliveryMetrics(meters);
        this.deliveryPool = deliveryPool(vertx, listenOptions, config);
        this.deliverer = new Deliverer(vertx, deliveryPool, listenOptions, registry, dispatcher, new DeliverySettings(
                config.instanceId(), config.httpPoolSize(), config.fetchBatchSize(), config.pollInterval(),
                config.leaseDuration(), config.gracePeriod(), Duration.ofSeconds(5)), metrics);
        this.api = new EventLogApi(pool, registry);
        this.cleanup = new EventLogCleanup(vertx, pool);
    }

    /**
     * The deliverer's own small pool, with {@code synchronous_commit=off}: its claims and outcomes are bookkeeping
     * that at-least-once delivery can afford to lose in a Postgres crash (the event is delivered again), so they need
     * not wait for a WAL flush each. Events themselves are written by the application's transaction, with its
     * durability. Its connections run only this module's index-driven queries.
     */
    private static Pool deliveryPool(Vertx vertx, PgConnectOptions options, TriggersConfig config) {
        PgConnectOptions delivery = new PgConnectOptions(options);
        delivery.setMetricsName(options.getMetricsName() + "-delivery"); // SQL client metrics are kept per name
        delivery.addProperty("synchronous_commit", "off");
        // Every delivery query is meant to walk an index (pending partial index, primary key). Right after start the
        // event log may never have been analysed, and a plan cached for an "empty" table (sequential scan, hash
        // join) would then scan the whole, growing table on every claim and outcome write.
        delivery.addProperty("enable_seqscan", "off");
        // Planned once per connection: re-planning each claim cost about as much CPU as running it (a claim runs
        // for every NOTIFY at low rates). The statements are written so that one plan fits every table size: the
        // claim walks the pending index in seq order and updates the rows it locked by ctid (no join to choose), and
        // bitmap scans, which on a never-analysed table would AND the pending index with the trigger-name index
        // (every event ever) and sort, are off.
        delivery.addProperty("enable_bitmapscan", "off");
        delivery.addProperty("plan_cache_mode", "force_generic_plan");
        return PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(config.deliveryConnections()).setName("threefactor-event-delivery"))
                .connectingTo(delivery)
                .using(vertx)
                .build();
    }

    /** Creates or upgrades {@code hdb_catalog.event_log} and {@code event_invocation_logs}. */
    public Future<Void> ensureSchema() {
        return EventLogSchema.ensure(pool);
    }

    /**
     * {@code pg_create_event_trigger}: fails with {@link TriggerAlreadyExistsException} if the name is taken and
     * {@code replace} is false; otherwise installs (or replaces) the Postgres triggers and starts delivering.
     */
    public Future<Void> create(CreateEventTrigger request) {
        if (!request.replace() && registry.find(request.definition().name()).isPresent()) {
            return Future.failedFuture(new TriggerAlreadyExistsException(request.definition().name()));
        }
        return install(request.definition());
    }

    /** Installs or replaces the trigger's Postgres functions (one transaction) and registers it for delivery. */
    public Future<Void> install(EventTriggerDefinition definition) {
        return installer.install(definition).onSuccess(v -> register(definition));
    }

    /** Delivers a trigger whose Postgres side is already installed (e.g. by another instance, on metadata reload). */
    public void register(EventTriggerDefinition definition) {
        registry.put(definition);
        deliverer.wakeUp();
    }

    public Future<Void> registerAll(Collection<EventTriggerDefinition> definitions) {
        definitions.forEach(registry::put);
        deliverer.wakeUp();
        return Future.succeededFuture();
    }

    /** Stops delivering a trigger on this instance only (metadata reload after another instance dropped it). */
    public void unregister(String triggerName) {
        registry.remove(triggerName);
    }

    /** {@code pg_delete_event_trigger}: drops the Postgres functions and archives the trigger's events. */
    public Future<Void> drop(String triggerName) {
        registry.remove(triggerName);
        return installer.drop(triggerName);
    }

    public Optional<EventTriggerDefinition> definition(String triggerName) {
        return registry.find(triggerName);
    }

    /** Starts delivery (and the scheduled cleanup, if configured). */
    public Future<Void> start() {
        config.cleanup().ifPresent(c -> {
            if (cleanupTimer < 0) {
                cleanupTimer = cleanup.schedule(c.request(), c.interval().toMillis());
            }
        });
        return deliverer.start();
    }

    /** Graceful stop: in-flight deliveries finish within the grace period, the rest are released. */
    public Future<Void> stop() {
        if (cleanupTimer >= 0) {
            vertx.cancelTimer(cleanupTimer);
            cleanupTimer = -1;
        }
        return deliverer.stop();
    }

    /** {@link #stop()}, then closes the HTTP client and the delivery pool. The pool and Vert.x belong to the caller. */
    public Future<Void> close() {
        return stop().eventually(() -> {
            webClient.close();
            return deliveryPool.close();
        });
    }

    public EventLogApi api() {
        return api;
    }

    public EventLogCleanup cleanup() {
        return cleanup;
    }

    public DeliveryMetrics metrics() {
        return metrics;
    }

    public TriggersConfig config() {
        return config;
    }
}
