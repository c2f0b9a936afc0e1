package io.threefactor.engine.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Engine settings. Each has a Quarkus property ({@code threefactor.*}, or env {@code THREEFACTOR_*}) and, where
 * Hasura has one, Hasura's environment variable as an alias (wired in application.properties).
 */
@ConfigMapping(prefix = "threefactor")
public interface EngineConfig {

    /** Postgres URL ({@code postgres://user:pass@host:port/db}); alias HASURA_GRAPHQL_DATABASE_URL. Unset: embedded. */
    Optional<String> databaseUrl();

    /** Alias HASURA_GRAPHQL_ADMIN_SECRET. Unset: every request is admin, as in Hasura. */
    Optional<String> adminSecret();

    /**
     * Alias HASURA_GRAPHQL_METRICS_SECRET: {@code /q/metrics} answers {@code Authorization: Bearer <secret>} (or the
     * admin secret). With neither secret set the metrics are open.
     */
    Optional<String> metricsSecret();

    /** Alias HASURA_GRAPHQL_UNAUTHORIZED_ROLE: the role of requests without credentials. */
    Optional<String> unauthorizedRole();

    /**
     * Alias HASURA_GRAPHQL_JWT_SECRET: one JWT configuration in Hasura's JSON ({@code type}+{@code key} or
     * {@code jwk_url}, {@code claims_namespace(_path)}, {@code claims_format}, {@code claims_map}, {@code audience},
     * {@code issuer}, {@code allowed_skew}, {@code header}). Requires the admin secret.
     */
    Optional<String> jwtSecret();

    /** Alias HASURA_GRAPHQL_JWT_SECRETS: a JSON list of JWT configurations (several issuers at once). */
    Optional<String> jwtSecrets();

    /** Least time between two JWKS fetches caused by tokens with an unknown {@code kid}. */
    @WithDefault("10s")
    Duration jwksRefetchMinInterval();

    /**
     * Read replicas for queries, comma-separated Postgres URLs; alias HASURA_GRAPHQL_READ_REPLICA_URLS. Each gets a
     * pool of {@code pool-size} connections; mutations, subscriptions, metadata and events use the primary.
     */
    Optional<List<String>> readReplicaUrls();

    /** Connections in the pool; alias HASURA_GRAPHQL_PG_CONNECTIONS. */
    @WithDefault("16")
    int poolSize();

    /** A Hasura CLI project directory (migrations/, metadata/, seeds/) applied at start-up. */
    Optional<Path> projectDir();

    /** Apply the bundled coaching app (migrations, metadata, seeds) at start-up. Default: only when embedded. */
    Optional<Boolean> exampleApp();

    /**
     * One-shot mode for release jobs: apply the project (migrations, then metadata), check the metadata loads,
     * and exit 0 — or exit non-zero when anything fails. Serves nothing and delivers no events meanwhile.
     */
    @WithDefault("false")
    boolean applyAndExit();

    /** Largest request body in bytes. */
    @WithDefault("1048576")
    int maxRequestBytes();

    /**
     * Alias HASURA_GRAPHQL_STRINGIFY_NUMERIC_TYPES: bigint, numeric, double precision and money as JSON strings, so
     * that no client's JSON reader loses their precision: in query, mutation and subscription answers and in event
     * trigger payloads.
     */
    @WithDefault("false")
    boolean stringifyNumericTypes();

    /** Largest GraphQL document in parser tokens (guards against huge documents). */
    @WithDefault("15000")
    int maxQueryTokens();

    /** Deepest field nesting a document may have (guards against queries built to exhaust the database). */
    @WithDefault("30")
    int maxQueryDepth();

    /**
     * Most fields one operation or fragment may select once its fragments are expanded: a few hundred bytes of
     * fragments spreading each other twice can expand to billions, so this is checked before validation.
     */
    @WithDefault("10000")
    int maxQueryNodes();

    /**
     * Longest time the statements of one GraphQL request may run before Postgres is told to cancel them (0: no
     * limit). A role's {@code api_limits.time_limit} in the metadata can only shorten it, never lengthen it.
     */
    @WithDefault("60s")
    Duration statementTimeout();

    /** New documents waiting for a worker to parse, validate and plan them; past this a request gets {@code busy}. */
    @WithDefault("256")
    int maxDocumentsWaiting();

    /** The most rows any selection returns, per role ({@code threefactor.role-row-limits.<role>=100}). */
    Map<String, Integer> roleRowLimits();

    /** Prepared documents and plans kept in memory. */
    @WithDefault("10000")
    long planCacheSize();

    Embedded embedded();

    Subscriptions subscriptions();

    /** Live queries and streams over WebSocket ({@code threefactor.subscriptions.*}). */
    interface Subscriptions {
        /** Cohorts (distinct variables and session variables) answered by one SQL statement. */
        @WithDefault("100")
        int cohortsPerStatement();

        /** How long to gather change notifications before refetching the groups that read the changed tables. */
        @WithDefault("5ms")
        Duration refetchDelay();

        /**
         * Live queries and streams reading something no change trigger covers (views, functions, computed fields,
         * tables without a trigger) are refetched at this interval, for changes no trigger sees.
         */
        @WithDefault("1s")
        Duration fallbackInterval();

        /**
         * Live queries and streams whose every table has a change trigger are refetched at this longer interval:
         * a safety net for writes no trigger fires on (triggers disabled, {@code session_replication_role}).
         */
        @WithDefault("30s")
        Duration coveredFallbackInterval();

        /** Interval of {@code ka} keep-alive messages on the legacy graphql-ws protocol (Hasura's default). */
        @WithDefault("5s")
        Duration keepAlive();

        /** Interval of WebSocket ping frames on graphql-transport-ws (the graphql-ws server library's default). */
        @WithDefault("12s")
        Duration pingInterval();

        /**
         * Largest WebSocket message in bytes, as large as an HTTP request body may be by default. A larger one is
         * answered as a message that is not one (legacy protocol: {@code connection_error}; graphql-transport-ws:
         * close 4400); a single frame of more than twice this is cut off by the transport.
         */
        @WithDefault("1048576")
        int maxMessageBytes();

        /** Time a client has to send {@code connection_init} after opening the socket. */
        @WithDefault("10s")
        Duration initTimeout();

        /** Install the statement-level NOTIFY triggers on tracked tables (off: only the fallback interval refreshes). */
        @WithDefault("true")
        boolean changeTriggers();
    }

    Events events();

    /** Event triggers ({@code threefactor.events.*}); Hasura's variable names are aliases in application.properties. */
    interface Events {
        /** Deliver events from this instance (capture triggers are installed either way). */
        @WithDefault("true")
        boolean enabled();

        /** Concurrent deliveries and HTTP connections; alias HASURA_GRAPHQL_EVENTS_HTTP_POOL_SIZE. */
        @WithDefault("100")
        int httpPoolSize();

        /** Events claimed per query; alias HASURA_GRAPHQL_EVENTS_FETCH_BATCH_SIZE. */
        @WithDefault("100")
        int fetchBatchSize();

        /** Safety-net poll in milliseconds (NOTIFY does the real work); alias HASURA_GRAPHQL_EVENTS_FETCH_INTERVAL. */
        @WithDefault("1000")
        long fetchIntervalMs();

        /** Seconds in-flight deliveries get on shutdown; alias HASURA_GRAPHQL_GRACEFUL_SHUTDOWN_TIMEOUT. */
        @WithDefault("10")
        long gracefulShutdownSeconds();

        /** Connections of the deliverer's own pool (claims, lease renewals, outcomes). */
        @WithDefault("4")
        int deliveryConnections();

        /** Owner name of this instance's leases; a stable one (pod name) frees its own leases at restart. */
        Optional<String> instanceId();

        /** URL of a Funqy function target, {@code {name}} replaced by the function name. */
        Optional<String> functionUrlTemplate();

        /** Explicit function URLs, {@code name=url,name2=url2}; they win over the template. */
        Optional<String> functionUrls();

        /** Delivered events older than this many hours are deleted by the scheduled cleanup (0: no cleanup). */
        @WithDefault("168")
        long cleanupRetentionHours();

        /** Minutes between scheduled cleanups. */
        @WithDefault("60")
        long cleanupIntervalMinutes();
    }

    interface Embedded {
        /**
         * Whether the engine may start its embedded Postgres when no database URL is set. Deployed environments
         * turn it off, so a missing URL stops the engine with a clear error instead of serving an empty database.
         */
        @WithDefault("true")
        boolean enabled();

        /** Data directory of the embedded Postgres, kept between runs. */
        @WithDefault(".threefactor/pgdata")
        Path dataDir();

        /** Port of the embedded Postgres; 0 picks a free one. */
        @WithDefault("0")
        int port();
    }
}
