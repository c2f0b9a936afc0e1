package io.threefactor.engine.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.micrometer.core.instrument.FunctionCounter;
import io.threefactor.engine.config.EngineConfig;
import io.threefactor.engine.runtime.Snapshots;
import io.vertx.sqlclient.Pool;
import io.threefactor.engine.subscription.LiveQueries;
import io.threefactor.engine.subscription.Streams;
import io.threefactor.engine.ws.SocketSessions;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Gauges read at scrape time from the engine's own state: subscriptions (sockets, live-query groups and cohorts,
 * streams, pushes and refresh statements) and the engine's connection pool.
 */
@Singleton
public class EngineMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    Pool pool;

    @Inject
    Snapshots snapshots;

    @Inject
    LiveQueries liveQueries;

    @Inject
    Streams streams;

    @Inject
    SocketSessions sockets;

    @Inject
    EngineConfig config;

    void bind(@Observes StartupEvent event) {
        Gauge.builder("threefactor.subscriptions.sockets", sockets, SocketSessions::count)
                .description("Open GraphQL WebSockets").register(registry);
        Gauge.builder("threefactor.subscriptions.live.groups", liveQueries, LiveQueries::groupCount)
                .description("Live-query groups (same role and query: one SQL statement per refresh)").register(registry);
        Gauge.builder("threefactor.subscriptions.live.cohorts", liveQueries, LiveQueries::cohortCount)
                .description("Live-query cohorts (distinct variables and session within a group)").register(registry);
        Gauge.builder("threefactor.subscriptions.streams", streams, Streams::count)
                .description("Active streaming subscriptions").register(registry);
        FunctionCounter.builder("threefactor.subscriptions.pushes", liveQueries,
                LiveQueries::pushes).description("Live-query results pushed").register(registry);
        FunctionCounter.builder("threefactor.subscriptions.refresh.statements", liveQueries,
                LiveQueries::statementsExecuted).description("Live-query refresh statements run").register(registry);
        Gauge.builder("threefactor.db.pool.connections", pool, Pool::size)
                .description("Connections open in the engine's pool").register(registry);
        Gauge.builder("threefactor.db.pool.max", config, EngineConfig::poolSize)
                .description("Maximum connections of the engine's pool").register(registry);
        Gauge.builder("threefactor.metadata.resource.version", snapshots,
                        s -> s.current() == null ? -1 : s.current().metadata().resourceVersion())
                .description("Metadata resource version served").register(registry);
    }
}
