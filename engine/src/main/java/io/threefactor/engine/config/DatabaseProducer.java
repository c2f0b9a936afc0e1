package io.threefactor.engine.config;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Disposes;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's connection pool. The URL is Hasura's ({@code HASURA_GRAPHQL_DATABASE_URL}); with none, an
 * embedded PostgreSQL is started so the engine runs with no configuration at all.
 */
@Singleton
public class DatabaseProducer {

    @Inject
    EngineConfig config;

    @Inject
    Vertx vertx;

    private EmbeddedDatabase embedded;
    private PgConnectOptions connectOptions;

    public synchronized PgConnectOptions connectOptions() {
        if (connectOptions == null) {
            String url = config.databaseUrl().orElseGet(() -> {
                if (!config.embedded().enabled() || config.applyAndExit()) {
                    throw new IllegalStateException("no database configured: set HASURA_GRAPHQL_DATABASE_URL "
                            + "(the embedded database is off here: threefactor.embedded.enabled=false"
                            + (config.applyAndExit() ? ", or threefactor.apply-and-exit=true" : "") + ")");
                }
                embedded = EmbeddedDatabase.start(config.embedded().dataDir(), config.embedded().port());
                return embedded.url();
            });
            connectOptions = withSessionSettings(PgConnectOptions.fromUri(url));
        }
        return connectOptions;
    }

    /**
     * The connection settings under a client name of its own: the SQL client metrics are kept per name, and
     * every pool and listening connection needs its own (one shared name made Micrometer refuse the duplicates).
     */
    public PgConnectOptions connectOptions(String clientName) {
        PgConnectOptions named = new PgConnectOptions(connectOptions());
        named.setMetricsName(clientName);
        return named;
    }

    /** Whether the engine runs on its embedded database (and so applies the example app by default). */
    public boolean embedded() {
        connectOptions();
        return embedded != null;
    }

    @Produces
    @Singleton
    Pool pool() {
        return pool("threefactor-engine", connectOptions("threefactor-engine"));
    }

    void close(@Disposes Pool pool) {
        pool.close();
    }

    @Produces
    @Singleton
    Databases databases(Pool primary) {
        List<String> urls = config.readReplicaUrls().orElse(List.of()).stream()
                .map(String::trim).filter(u -> !u.isEmpty()).toList();
        List<Pool> replicas = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            PgConnectOptions replica = withSessionSettings(PgConnectOptions.fromUri(urls.get(i)));
            replica.setMetricsName("threefactor-replica-" + i);
            replicas.add(pool("threefactor-replica-" + i, replica));
        }
        return new Databases(primary, replicas);
    }

    void close(@Disposes Databases databases) {
        databases.replicas().forEach(Pool::close);
    }

    private Pool pool(String name, PgConnectOptions options) {
        return PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(config.poolSize()).setShared(false).setName(name))
                .connectingTo(options)
                .using(vertx)
                .build();
    }

    private static PgConnectOptions withSessionSettings(PgConnectOptions options) {
        options.setCachePreparedStatements(true)
                .setPreparedStatementCacheMaxSize(4096)
                .setPipeliningLimit(256);
        // Idempotent DDL (IF NOT EXISTS) makes Postgres send NOTICEs that the client would log as warnings.
        options.addProperty("client_min_messages", "warning");
        return options;
    }

    @PreDestroy
    void stop() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
