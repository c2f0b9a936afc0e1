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
            connectOptions = PgConnectOptions.fromUri(url)
                    .setCachePreparedStatements(true)
                    .setPreparedStatementCacheMaxSize(4096)
                    .setPipeliningLimit(256);
            // Idempotent DDL (IF NOT EXISTS) makes Postgres send NOTICEs that the client would log as warnings.
            connectOptions.addProperty("client_min_messages", "warning");
        }
        return connectOptions;
    }

    /** Whether the engine runs on its embedded database (and so applies the example app by default). */
    public boolean embedded() {
        connectOptions();
        return embedded != null;
    }

    @Produces
    @Singleton
    Pool pool() {
        return PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(config.poolSize()).setShared(false).setName("threefactor-engine"))
                .connectingTo(connectOptions())
                .using(vertx)
                .build();
    }

    void close(@jakarta.enterprise.inject.Disposes Pool pool) {
        pool.close();
    }

    @PreDestroy
    void stop() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
