package io.threefactor.engine.project;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies Hasura CLI migrations ({@code migrations/<source>/<version>_<name>/up.sql}) in version order, each in
 * its own transaction, recording them in {@code hdb_catalog.schema_migrations} as the Hasura CLI does.
 */
public final class MigrationRunner {

    private static final Logger LOG = Logger.getLogger(MigrationRunner.class);

    private final Pool pool;

    public MigrationRunner(Pool pool) {
        this.pool = pool;
    }

    /** Applies pending migrations; answers how many were applied. */
    public Future<Integer> migrate(ProjectFiles files, String source) {
        TreeMap<Long, String> migrations = new TreeMap<>();
        String prefix = "migrations/" + source + "/";
        for (String path : files.list(prefix)) {
            if (!path.endsWith("/up.sql")) {
                continue;
            }
            String dir = path.substring(prefix.length(), path.length() - "/up.sql".length());
            int underscore = dir.indexOf('_');
            try {
                migrations.put(Long.parseLong(underscore > 0 ? dir.substring(0, underscore) : dir), path);
            } catch (NumberFormatException e) {
                LOG.warnf("skipping migration directory without a numeric version: %s", dir);
            }
        }
        return pool.withTransaction(c -> c.query("SELECT pg_advisory_xact_lock(4242002)").execute()
                .compose(x -> c.query("""
                        CREATE SCHEMA IF NOT EXISTS hdb_catalog;
                        CREATE TABLE IF NOT EXISTS hdb_catalog.schema_migrations (
                          version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)""").execute())
                .compose(x -> c.query("SELECT version FROM hdb_catalog.schema_migrations").execute())
                .compose(rows -> {
                    Set<Long> applied = new HashSet<>();
                    for (Row r : rows) {
                        applied.add(r.getLong(0));
                    }
                    List<Long> pending = new ArrayList<>();
                    migrations.keySet().stream().filter(v -> !applied.contains(v)).forEach(pending::add);
                    Future<Void> chain = Future.succeededFuture();
                    for (Long version : pending) {
                        String sql = files.read(migrations.get(version)).orElseThrow();
                        chain = chain.compose(v -> named(c.query(sql).execute(), migrations.get(version)))
                                .compose(v -> c.preparedQuery("INSERT INTO hdb_catalog.schema_migrations VALUES ($1, false)")
                                        .execute(Tuple.of(version)))
                                .<Void>mapEmpty()
                                .onSuccess(v -> LOG.infof("applied migration %s", migrations.get(version)));
                    }
                    return chain.map(v -> pending.size());
                }));
    }

    /** A failed file's error names the file; the transaction around it undoes the whole run. */
    private static <T> Future<T> named(Future<T> run, String path) {
        return run.recover(e -> Future.failedFuture(new ProjectApplyException(path + " failed: " + e.getMessage()
                + " (nothing of this run was applied)", e)));
    }

    /** Runs every seed file of a source in name order, in one transaction. */
    public Future<Void> seed(ProjectFiles files, String source) {
        List<String> seeds = files.list("seeds/" + source + "/").stream().filter(p -> p.endsWith(".sql")).toList();
        return pool.withTransaction(c -> {
            Future<Void> chain = Future.succeededFuture();
            for (String path : seeds) {
                String sql = files.read(path).orElseThrow();
                chain = chain.compose(v -> named(c.query(sql).execute(), path)).mapEmpty();
            }
            return chain;
        });
    }
}
