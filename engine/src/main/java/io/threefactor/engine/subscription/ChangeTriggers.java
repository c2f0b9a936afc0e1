package io.threefactor.engine.subscription;

import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.catalog.TableInfo;
import io.threefactor.engine.metadata.TableMetadata;
import io.threefactor.engine.runtime.EngineSnapshot;
import io.threefactor.engine.sql.Sql;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The change-notify SQL: a trigger function, statement-level triggers on every tracked base table, and the table of
 * watched tables ({@link WatchedTables}) the function consults.
 *
 * <p>Why this shape:
 * <ul>
 * <li>{@code NOTIFY} takes a database-wide lock at commit, so every notifying write serialises commits. The function
 *     therefore notifies only while some engine watches the table (a lease row in {@value #WATCHED}); writes to
 *     tables nobody subscribes to cost one index lookup and no lock.</li>
 * <li>Tables with a primary key get one trigger per event with transition tables (Postgres allows transition tables
 *     only on single-event triggers), and the payload names the changed keys, so a live query keyed by the primary
 *     key refetches only the affected cohorts. Past {@value #KEY_LIMIT} rows (old and new rows of an update count
 *     both), or past {@value #PAYLOAD_LIMIT} bytes (NOTIFY's limit is 8000), the payload says "whole table".</li>
 * <li>Tables without a primary key, foreign tables (no transition tables) and {@code TRUNCATE} notify the table
 *     only.</li>
 * </ul>
 * Payload: {@code {"t": [schema, table], "k": [[key columns as text], …] | null}}.
 */
final class ChangeTriggers {

    private static final Logger LOG = Logger.getLogger(ChangeTriggers.class);
    static final String CHANNEL = "threefactor_table_changed";
    static final String WATCHED = "hdb_catalog.threefactor_watched_table";
    static final int KEY_LIMIT = 200;
    static final int PAYLOAD_LIMIT = 7000;
    private static final String FUNCTION_NAME = "hdb_catalog.threefactor_notify_change";
    /** The one trigger of earlier versions (all events, no keys); dropped where the keyed triggers replace it. */
    static final String LEGACY_TRIGGER = "threefactor_notify_change";
    static final List<String> TRIGGERS = List.of("threefactor_notify_insert", "threefactor_notify_update",
            "threefactor_notify_delete", "threefactor_notify_truncate");

    private static final String WATCHED_TABLE = """
            CREATE TABLE IF NOT EXISTS hdb_catalog.threefactor_watched_table (
              table_schema text NOT NULL, table_name text NOT NULL, expires_at timestamptz NOT NULL,
              PRIMARY KEY (table_schema, table_name))""";
    private static final String FUNCTION = """
            CREATE OR REPLACE FUNCTION hdb_catalog.threefactor_notify_change() RETURNS trigger
            LANGUAGE plpgsql AS $$
            DECLARE
              keys json;
              n bigint;
              source text;
            BEGIN
              IF NOT EXISTS (SELECT 1 FROM hdb_catalog.threefactor_watched_table w WHERE w.table_schema = TG_TABLE_SCHEMA
                             AND w.table_name = TG_TABLE_NAME AND w.expires_at > now()) THEN
                RETURN NULL;
              END IF;
              -- arguments: the key limit, then the primary key columns (none: notify the table only)
              IF TG_NARGS > 1 AND TG_OP <> 'TRUNCATE' THEN
                source := CASE TG_OP WHEN 'INSERT' THEN 'SELECT * FROM threefactor_new'
                                     WHEN 'DELETE' THEN 'SELECT * FROM threefactor_old'
                                     ELSE 'SELECT * FROM threefactor_old UNION ALL SELECT * FROM threefactor_new' END;
                EXECUTE format('SELECT json_agg(DISTINCT k), count(*) FROM (SELECT jsonb_build_array(%s) AS k FROM (%s) r LIMIT %s) s',
                               (SELECT string_agg(format('%I::text', c), ', ') FROM unnest(TG_ARGV[1:]) c),
                               source, TG_ARGV[0]::int + 1)
                  INTO keys, n;
                IF n = 0 THEN
                  RETURN NULL;
                END IF;
                IF n > TG_ARGV[0]::int OR length(keys::text) > {payload_limit} THEN
                  keys := NULL;
                END IF;
              END IF;
              -- 'c': the writing request's trace (the engine's mutations set it), so the push joins that trace
              PERFORM pg_notify('threefactor_table_changed',
                json_build_object('t', json_build_array(TG_TABLE_SCHEMA, TG_TABLE_NAME), 'k', keys,
                                  'c', NULLIF(current_setting('hasura.tracecontext', true), ''))::text);
              RETURN NULL;
            END
            $$""".replace("{payload_limit}", Integer.toString(PAYLOAD_LIMIT));
    private static final String VIEW_BASES = """
            SELECT DISTINCT vn.nspname, v.relname, bn.nspname, b.relname
            FROM pg_rewrite r
            JOIN pg_class v ON v.oid = r.ev_class JOIN pg_namespace vn ON vn.oid = v.relnamespace
            JOIN pg_depend d ON d.objid = r.oid AND d.classid = 'pg_rewrite'::regclass
                 AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> r.ev_class
            JOIN pg_class b ON b.oid = d.refobjid JOIN pg_namespace bn ON bn.oid = b.relnamespace
            WHERE v.relkind IN ('v', 'm') AND b.relkind IN ('r', 'p', 'v', 'm')""";

    /**
     * What an installation left in place: the tables whose changes are notified, and for every table the views
     * built on it (transitively), whose readers a change of the table concerns too.
     */
    record Installed(long generation, Set<QualifiedTable> notifying, Map<QualifiedTable, Set<QualifiedTable>> dependents) {
        static final Installed NONE = new Installed(-1, Set.of(), Map.of());
    }

    private ChangeTriggers() { }

    /** Creates the watched-tables table, the function and the triggers (idempotent), then maps views to tables. */
    static Future<Installed> install(Pool pool, EngineSnapshot snapshot) {
        Set<QualifiedTable> notifying = new HashSet<>();
        Future<Void> chain = run(pool, WATCHED_TABLE).compose(ok -> run(pool, FUNCTION)).mapEmpty();
        for (TableMetadata t : snapshot.metadata().tables()) {
            TableInfo info = snapshot.catalog().table(t.table()).orElse(null);
            if (info == null) {
                continue;
            }
            List<String> keyed = keyedTriggers(info);
            List<String> plain = plainTrigger(info);
            if (keyed.isEmpty() && plain.isEmpty()) {
                continue;
            }
            // where Postgres refuses the keyed triggers, the table still gets the one that names no rows
            chain = chain.compose(x -> (keyed.isEmpty() ? Future.succeededFuture(false) : runAll(pool, keyed))
                    .compose(ok -> ok || plain.isEmpty() ? Future.succeededFuture(ok) : runAll(pool, plain))
                    .map(ok -> {
                        if (ok) {
                            notifying.add(info.name());
                        }
                        return null;
                    }));
        }
        return chain.compose(x -> pool.query(VIEW_BASES).execute())
                .map(rows -> new Installed(snapshot.generation(), Set.copyOf(notifying), viewsByTable(rows)));
    }

    /** One trigger per event with transition tables, naming the changed keys: tables with a primary key. */
    static List<String> keyedTriggers(TableInfo info) {
        if (info.primaryKey().isEmpty()
                || !(info.kind() == TableInfo.Kind.TABLE || info.kind() == TableInfo.Kind.PARTITIONED_TABLE)) {
            return List.of();
        }
        String table = Sql.table(info.name());
        StringBuilder args = new StringBuilder(Sql.literal(Integer.toString(KEY_LIMIT)));
        info.primaryKey().forEach(c -> args.append(", ").append(Sql.literal(c)));
        String call = " FOR EACH STATEMENT EXECUTE FUNCTION " + FUNCTION_NAME + "(" + args + ")";
        return List.of(
                "DROP TRIGGER IF EXISTS " + LEGACY_TRIGGER + " ON " + table,
                "CREATE OR REPLACE TRIGGER " + TRIGGERS.get(0) + " AFTER INSERT ON " + table
                        + " REFERENCING NEW TABLE AS threefactor_new" + call,
                "CREATE OR REPLACE TRIGGER " + TRIGGERS.get(1) + " AFTER UPDATE ON " + table
                        + " REFERENCING OLD TABLE AS threefactor_old NEW TABLE AS threefactor_new" + call,
                "CREATE OR REPLACE TRIGGER " + TRIGGERS.get(2) + " AFTER DELETE ON " + table
                        + " REFERENCING OLD TABLE AS threefactor_old" + call,
                "CREATE OR REPLACE TRIGGER " + TRIGGERS.get(3) + " AFTER TRUNCATE ON " + table + call);
    }

    /** One trigger for all events that names the table only: no primary key, foreign tables, or as a fallback. */
    static List<String> plainTrigger(TableInfo info) {
        if (!(info.kind() == TableInfo.Kind.TABLE || info.kind() == TableInfo.Kind.PARTITIONED_TABLE
                || info.kind() == TableInfo.Kind.FOREIGN_TABLE)) {
            return List.of();
        }
        String table = Sql.table(info.name());
        List<String> out = new ArrayList<>();
        TRIGGERS.forEach(t -> out.add("DROP TRIGGER IF EXISTS " + t + " ON " + table));
        out.add("CREATE OR REPLACE TRIGGER " + LEGACY_TRIGGER + " AFTER INSERT OR UPDATE OR DELETE"
                + (info.kind() == TableInfo.Kind.FOREIGN_TABLE ? "" : " OR TRUNCATE") + " ON " + table
                + " FOR EACH STATEMENT EXECUTE FUNCTION " + FUNCTION_NAME + "()");
        return out;
    }

    private static Future<Boolean> run(Pool pool, String sql) {
        return pool.query(sql).execute().map(true).recover(e -> {
            LOG.warnf("change trigger not installed (%s): %s", sql.length() > 120 ? sql.substring(0, 120) : sql,
                    e.getMessage());
            return Future.succeededFuture(false);
        });
    }

    /** The statements in order; answers whether all succeeded. */
    private static Future<Boolean> runAll(Pool pool, List<String> statements) {
        Future<Boolean> chain = Future.succeededFuture(true);
        for (String sql : statements) {
            chain = chain.compose(ok -> run(pool, sql).map(done -> ok && done));
        }
        return chain;
    }

    private static Map<QualifiedTable, Set<QualifiedTable>> viewsByTable(Iterable<Row> rows) {
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
        return map;
    }
}
