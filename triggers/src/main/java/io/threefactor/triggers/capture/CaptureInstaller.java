package io.threefactor.triggers.capture;

import io.threefactor.triggers.definition.EventTriggerDefinition;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.List;

/** Installs, replaces and drops a trigger's Postgres functions, each change in one transaction. */
public final class CaptureInstaller {
    /** "... does not exist, skipping" notices of idempotent DDL are noise in the application's log. */
    static final String QUIET = "SET LOCAL client_min_messages TO warning";

    private final Pool pool;
    private final PayloadColumns payload;

    public CaptureInstaller(Pool pool, PayloadColumns payload) {
        this.pool = pool;
        this.payload = payload;
    }

    public Future<Void> install(EventTriggerDefinition definition) {
        return pool.withTransaction(conn -> conn.query(QUIET).execute()
                .compose(v -> lock(conn))
                .compose(v -> TableIntrospector.shape(conn, definition.table()))
                .compose(shape -> run(conn, TriggerFunctionSql.install(definition, shape, payload))));
    }

    /** Drops the functions and archives the trigger's events, as Hasura does, so they stop being claimed. */
    public Future<Void> drop(String triggerName) {
        return pool.withTransaction(conn -> conn.query(QUIET).execute()
                .compose(v -> lock(conn))
                .compose(v -> run(conn, TriggerFunctionSql.drop(triggerName)))
                .compose(v -> conn.preparedQuery(
                        "UPDATE hdb_catalog.event_log SET archived = 't' WHERE trigger_name = $1 AND archived = 'f'")
                        .execute(Tuple.of(triggerName)))
                .mapEmpty());
    }

    /** Several instances may apply the same metadata change at once; their DDL must not interleave. */
    private static Future<Void> lock(SqlConnection conn) {
        return conn.preparedQuery("SELECT pg_advisory_xact_lock($1)")
                .execute(Tuple.of(EventLogSchema.ADVISORY_LOCK_KEY)).mapEmpty();
    }

    private static Future<Void> run(SqlConnection conn, List<String> statements) {
        Future<Void> chain = Future.succeededFuture();
        for (String sql : statements) {
            chain = chain.compose(v -> conn.query(sql).execute().mapEmpty());
        }
        return chain;
    }
}
