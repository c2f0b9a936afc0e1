package io.threefactor.engine.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.io.IOException;

/** Introspects tables, views, columns, keys and extensions from pg_catalog in one query. */
public final class CatalogReader {

    private static final String INTROSPECTION_SQL = """
            SELECT json_build_object(
              'extensions', (SELECT coalesce(json_agg(extname), '[]') FROM pg_extension),
              'functions', (SELECT coalesce(json_agg(f), '[]') FROM (
                SELECT n.nspname AS schema, p.proname AS name, p.proretset AS returns_set, p.provolatile AS volatility,
                       rn.nspname AS return_schema, rt.typname AS return_type, rt.typrelid <> 0 AS returns_table,
                       p.pronargdefaults AS defaults, obj_description(p.oid, 'pg_proc') AS comment,
                       (SELECT coalesce(json_agg(json_build_object(
                                 'name', coalesce(p.proargnames[a.i], ''), 'type', format_type(a.t, NULL),
                                 'base', coalesce(et.typname, ty.typname), 'array', ty.typcategory = 'A',
                                 'composite', coalesce(et.typrelid, ty.typrelid) <> 0) ORDER BY a.i), '[]')
                          FROM unnest(p.proargtypes) WITH ORDINALITY a(t, i)
                          JOIN pg_type ty ON ty.oid = a.t
                          LEFT JOIN pg_type et ON et.oid = ty.typelem AND ty.typcategory = 'A') AS args
                  FROM pg_proc p
                  JOIN pg_namespace n ON n.oid = p.pronamespace
                  JOIN pg_type rt ON rt.oid = p.prorettype
                  JOIN pg_namespace rn ON rn.oid = rt.typnamespace
                 WHERE p.prokind = 'f' AND (p.proargmodes IS NULL OR NOT (p.proargmodes && ARRAY['o','b','t']::"char"[]))
                   AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'hdb_catalog')
                   AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%') f),
              'tables', (SELECT coalesce(json_agg(t), '[]') FROM (
                SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind,
                       obj_description(c.oid, 'pg_class') AS comment,
                       (SELECT coalesce(json_agg(json_build_object(
                                 'name', a.attname, 'position', a.attnum,
                                 'type', format_type(a.atttypid, NULL),
                                 'base', coalesce(et.typname, CASE WHEN ty.typtype = 'd' THEN bt.typname ELSE ty.typname END),
                                 'array', ty.typcategory = 'A',
                                 'category', coalesce(et.typcategory, CASE WHEN ty.typtype = 'd' THEN bt.typcategory ELSE ty.typcategory END),
                                 'nullable', NOT a.attnotnull,
                                 'has_default', a.atthasdef,
                                 'generated', a.attgenerated <> '',
                                 'identity', a.attidentity,
                                 'comment', col_description(c.oid, a.attnum)) ORDER BY a.attnum), '[]')
                          FROM pg_attribute a
                          JOIN pg_type ty ON ty.oid = a.atttypid
                          LEFT JOIN pg_type et ON et.oid = ty.typelem AND ty.typcategory = 'A'
                          LEFT JOIN pg_type bt ON bt.oid = ty.typbasetype AND ty.typtype = 'd'
                         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
                       (SELECT coalesce(json_agg(json_build_object(
                                 'name', co.conname, 'type', co.contype,
                                 'columns', (SELECT json_agg(att.attname ORDER BY k.ord)
                                               FROM unnest(co.conkey) WITH ORDINALITY k(attnum, ord)
                                               JOIN pg_attribute att ON att.attrelid = co.conrelid AND att.attnum = k.attnum),
                                 'ref_schema', rn.nspname, 'ref_table', rc.relname,
                                 'ref_columns', (SELECT json_agg(att.attname ORDER BY k.ord)
                                                   FROM unnest(co.confkey) WITH ORDINALITY k(attnum, ord)
                                                   JOIN pg_attribute att ON att.attrelid = co.confrelid AND att.attnum = k.attnum))
                                 ORDER BY co.conname), '[]')
                          FROM pg_constraint co
                          LEFT JOIN pg_class rc ON rc.oid = co.confrelid
                          LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
                         WHERE co.conrelid = c.oid AND co.contype IN ('p', 'u', 'f')) AS constraints
                  FROM pg_class c
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p')
                   AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'hdb_catalog')
                   AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
                   AND NOT c.relispartition) t)
            )::text""";

    private final ObjectMapper json;

    public CatalogReader(ObjectMapper json) {
        this.json = json;
    }

    public Future<Catalog> read(SqlClient client) {
        return client.query(INTROSPECTION_SQL).execute()
                .map(rows -> parse(rows.iterator().next().getString(0)));
    }

    /** The introspection query: one row, one column, the JSON document {@link #parse} reads. */
    public static String introspectionSql() {
        return INTROSPECTION_SQL;
    }

    /** The catalog from the introspection query's document (run on another driver, e.g. inside run_sql's transaction). */
    public Catalog parse(String document) {
        JsonNode root;
        try {
            root = json.readTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> extensions = new HashSet<>();
        root.path("extensions").forEach(e -> extensions.add(e.asText()));
        Map<QualifiedTable, TableInfo> tables = new HashMap<>();
        for (JsonNode t : root.path("tables")) {
            TableInfo table = table(t);
            tables.put(table.name(), table);
        }
        Map<QualifiedTable, FunctionInfo> functions = new HashMap<>();
        for (JsonNode f : root.path("functions")) {
            List<FunctionInfo.Argument> args = new ArrayList<>();
            int defaults = f.path("defaults").asInt();
            int total = f.path("args").size();
            int i = 0;
            for (JsonNode a : f.path("args")) {
                args.add(new FunctionInfo.Argument(a.path("name").asText(), a.path("type").asText(), a.path("base").asText(),
                        a.path("array").asBoolean(), a.path("composite").asBoolean(), i++ >= total - defaults));
            }
            QualifiedTable name = QualifiedTable.of(f.path("schema").asText(), f.path("name").asText());
            // Overloaded functions are not trackable in Hasura either; the first one read wins.
            functions.putIfAbsent(name, new FunctionInfo(name, args, defaults, f.path("returns_set").asBoolean(),
                    QualifiedTable.of(f.path("return_schema").asText(), f.path("return_type").asText()),
                    f.path("returns_table").asBoolean(), f.path("return_type").asText(), f.path("volatility").asText(),
                    textOrNull(f.path("comment"))));
        }
        return new Catalog(tables, extensions, Map.of(), functions);
    }

    private static TableInfo table(JsonNode t) {
        QualifiedTable name = QualifiedTable.of(t.path("schema").asText(), t.path("name").asText());
        List<ColumnInfo> columns = new ArrayList<>();
        for (JsonNode c : t.path("columns")) {
            String identity = c.path("identity").asText("");
            columns.add(new ColumnInfo(c.path("name").asText(), c.path("position").asInt(), c.path("type").asText(),
                    c.path("base").asText(), c.path("array").asBoolean(), c.path("category").asText(),
                    c.path("nullable").asBoolean(), c.path("has_default").asBoolean(), c.path("generated").asBoolean(),
                    "a".equals(identity), !identity.isEmpty(), textOrNull(c.path("comment"))));
        }
        List<String> primaryKey = List.of();
        Map<String, List<String>> uniques = new LinkedHashMap<>();
        List<ForeignKey> foreignKeys = new ArrayList<>();
        for (JsonNode co : t.path("constraints")) {
            List<String> cols = strings(co.path("columns"));
            switch (co.path("type").asText()) {
                case "p" -> {
                    primaryKey = cols;
                    uniques.put(co.path("name").asText(), cols);
                }
                case "u" -> uniques.put(co.path("name").asText(), cols);
                case "f" -> foreignKeys.add(new ForeignKey(co.path("name").asText(), cols,
                        QualifiedTable.of(co.path("ref_schema").asText(), co.path("ref_table").asText()),
                        strings(co.path("ref_columns"))));
                default -> { }
            }
        }
        return new TableInfo(name, kind(t.path("kind").asText()), columns, primaryKey, uniques, foreignKeys,
                textOrNull(t.path("comment")));
    }

    private static TableInfo.Kind kind(String relkind) {
        return switch (relkind) {
            case "v" -> TableInfo.Kind.VIEW;
            case "m" -> TableInfo.Kind.MATERIALIZED_VIEW;
            case "f" -> TableInfo.Kind.FOREIGN_TABLE;
            case "p" -> TableInfo.Kind.PARTITIONED_TABLE;
            default -> TableInfo.Kind.TABLE;
        };
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asText();
    }
}
