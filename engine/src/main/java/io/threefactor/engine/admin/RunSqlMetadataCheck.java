package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.catalog.CatalogReader;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.metadata.MetadataParser;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import io.threefactor.engine.error.MetadataApiException;

/**
 * Hasura's metadata check of {@code run_sql}: inside the SQL's transaction, before it commits, the database is read
 * again and the metadata checked against it. Tracked tables and functions the SQL dropped are untracked with what
 * they own. Other objects it broke (a relationship to a dropped table, a permission on a dropped column, …) are
 * dependents: without {@code cascade} the SQL is rolled back with {@code dependency-error}, with it they are dropped.
 * Tracked tables the SQL renamed (or moved to another schema) are followed by their oid, as Hasura does: the
 * metadata takes the new name everywhere it names the table.
 */
final class RunSqlMetadataCheck implements RunSql.Watch {

    /** Hasura's heuristic: only SQL with these words can change what metadata refers to. */
    private static final Pattern DDL = Pattern.compile(
            "\\balter\\b|\\bdrop\\b|\\breplace\\b|\\bcreate function\\b|\\bcomment on\\b", Pattern.CASE_INSENSITIVE);

    static final String FUNCTIONS_SQL = """
            SELECT n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'""";

    private final ObjectMapper json;
    private final ObjectNode doc;
    private final List<ObjectNode> before;
    private final boolean cascade;

    /** What the SQL did to the metadata: the database as it now is, and the update of the document (null for none). */
    record Outcome(Catalog catalog, Set<String> functions, DocumentChange update) { }

    private Outcome outcome;
    /** The tracked functions (every overload) by oid, read before the SQL runs. */
    private final Map<Long, TrackedFunction> volatilityBefore = new HashMap<>();
    /** The tracked tables' oids, read before the SQL runs. */
    private final Map<Long, QualifiedTable> oids = new HashMap<>();

    /** @param before the document's inconsistencies before the SQL (they are not the SQL's doing) */
    RunSqlMetadataCheck(ObjectMapper json, ObjectNode doc, List<ObjectNode> before, boolean cascade) {
        this.json = json;
        this.doc = doc;
        this.before = before;
        this.cascade = cascade;
    }

    /** Whether the check runs: not for read-only SQL, forced or skipped by {@code check_metadata_consistency}. */
    static boolean wanted(JsonNode args, String sql) {
        if (args.path("read_only").asBoolean(false)) {
            return false;
        }
        JsonNode explicit = args.get("check_metadata_consistency");
        if (explicit != null && explicit.isBoolean()) {
            return explicit.asBoolean();
        }
        return DDL.matcher(sql).find();
    }

    @Override
    public void beforeSql(Connection conn) throws SQLException {
        volatilityBefore.putAll(trackedFunctions(conn));
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT to_regclass(format('%I.%I', s, t))::oid, s, t FROM unnest(?::text[], ?::text[]) AS x(s, t)")) {
            List<QualifiedTable> tracked = new ArrayList<>();
            Docs.tables(doc).forEach(t -> tracked.add(MetadataParser.qualifiedTable(t.path("table"))));
            st.setArray(1, conn.createArrayOf("text", tracked.stream().map(QualifiedTable::schema).toArray()));
            st.setArray(2, conn.createArrayOf("text", tracked.stream().map(QualifiedTable::name).toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (rs.getObject(1) != null) {
                        oids.put(rs.getLong(1), QualifiedTable.of(rs.getString(2), rs.getString(3)));
                    }
                }
            }
        }
    }

    /** Runs on run_sql's connection before the commit; throws {@code dependency-error} to roll the SQL back. */
    @Override
    public void beforeCommit(Connection conn) throws SQLException {
        checkTrackedFunctions(conn);
        Catalog catalog = new CatalogReader(json).parse(single(conn, CatalogReader.introspectionSql()));
        Set<String> functions = new HashSet<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(FUNCTIONS_SQL)) {
            while (rs.next()) {
                functions.add(rs.getString(1));
            }
        }
        Map<QualifiedTable, QualifiedTable> renamed = renamed(conn);
        ObjectNode working = doc.deepCopy();
        renamed.forEach((from, to) -> TableReferences.rename(working, from, to));
        List<ObjectNode> added = Inconsistencies.added(before, Inconsistencies.check(working, catalog, functions));
        List<ObjectNode> dropped = added.stream().filter(o -> isDropped(o.path("type").asText())).toList();
        // what the dropped tables and functions owned goes with them; what is still broken depends on them
        ObjectNode rest = working.deepCopy();
        dropped.forEach(o -> InconsistentObjects.remove(rest, o));
        List<ObjectNode> dependents = Inconsistencies.added(before, Inconsistencies.check(rest, catalog, functions));
        if (!dependents.isEmpty() && !cascade) {
            List<String> names = dependents.stream().map(RunSqlMetadataCheck::describe).toList();
            throw new MetadataApiException("dependency-error", "cannot drop due to the following dependent objects: "
                    + String.join(", ", names), "$");
        }
        List<ObjectNode> removed = new ArrayList<>(dropped);
        removed.addAll(dependents);
        outcome = new Outcome(catalog, functions, removed.isEmpty() && renamed.isEmpty() ? null : update(renamed, removed));
    }

    /**
     * As in Hasura, a tracked function (not one behind a computed field) may not be overloaded, nor made VOLATILE
     * by {@code CREATE OR REPLACE}: its root field would change kind or become ambiguous.
     */
    private void checkTrackedFunctions(Connection conn) throws SQLException {
        List<String> overloaded = new ArrayList<>();
        Map<QualifiedTable, Integer> count = new LinkedHashMap<>();
        Map<Long, TrackedFunction> now = trackedFunctions(conn);
        now.values().forEach(f -> count.merge(f.name(), 1, Integer::sum));
        count.forEach((f, n) -> {
            if (n > 1) {
                overloaded.add(display(f));
            }
        });
        if (!overloaded.isEmpty()) {
            throw new MetadataApiException("not-supported", "the following tracked function(s) cannot be overloaded: "
                    + String.join(", ", overloaded), "$.args");
        }
        for (Map.Entry<Long, TrackedFunction> e : now.entrySet()) {
            TrackedFunction was = volatilityBefore.get(e.getKey());
            if (was != null && !"v".equals(was.volatility()) && "v".equals(e.getValue().volatility())) {
                throw new MetadataApiException("not-supported", "type of function " + Docs.quote(display(was.name()))
                        + " is altered to \"VOLATILE\" which is not supported now", "$.args");
            }
        }
    }

    /** A function of the source's {@code functions} as the database has it (every overload), by oid. */
    private record TrackedFunction(QualifiedTable name, String volatility) { }

    private Map<Long, TrackedFunction> trackedFunctions(Connection conn) throws SQLException {
        List<QualifiedTable> tracked = new ArrayList<>();
        Docs.source(doc).path("functions").forEach(f -> tracked.add(MetadataParser.qualifiedTable(f.path("function"))));
        Map<Long, TrackedFunction> out = new LinkedHashMap<>();
        if (tracked.isEmpty()) {
            return out;
        }
        try (PreparedStatement st = conn.prepareStatement("SELECT p.oid, n.nspname, p.proname, p.provolatile "
                + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                + "JOIN unnest(?::text[], ?::text[]) AS x(s, f) ON x.s = n.nspname AND x.f = p.proname")) {
            st.setArray(1, conn.createArrayOf("text", tracked.stream().map(QualifiedTable::schema).toArray()));
            st.setArray(2, conn.createArrayOf("text", tracked.stream().map(QualifiedTable::name).toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), new TrackedFunction(QualifiedTable.of(rs.getString(2), rs.getString(3)),
                            rs.getString(4)));
                }
            }
        }
        return out;
    }

    /** Tracked tables whose oid now has another name. */
    private Map<QualifiedTable, QualifiedTable> renamed(Connection conn) throws SQLException {
        Map<QualifiedTable, QualifiedTable> out = new LinkedHashMap<>();
        if (oids.isEmpty()) {
            return out;
        }
        try (PreparedStatement st = conn.prepareStatement("SELECT c.oid, n.nspname, c.relname FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ANY (?::oid[])")) {
            st.setArray(1, conn.createArrayOf("bigint", oids.keySet().toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    QualifiedTable was = oids.get(rs.getLong(1));
                    QualifiedTable now = QualifiedTable.of(rs.getString(2), rs.getString(3));
                    if (!now.equals(was)) {
                        out.put(was, now);
                    }
                }
            }
        }
        return out;
    }

    Outcome outcome() {
        return outcome;
    }

    private static boolean isDropped(String type) {
        return "table".equals(type) || "function".equals(type);
    }

    /** Follows the renames and removes the objects; re-applicable to a fresh copy if the save must be retried. */
    private static DocumentChange update(Map<QualifiedTable, QualifiedTable> renamed, List<ObjectNode> objects) {
        return (document, catalog, args) -> {
            renamed.forEach((from, to) -> TableReferences.rename(document, from, to));
            objects.forEach(o -> InconsistentObjects.remove(document, o));
        };
    }

    /** Hasura's name of a dependent object: {@code relationship article.author in source "default"}. */
    private static String describe(ObjectNode object) {
        String type = object.path("type").asText();
        JsonNode def = object.path("definition");
        String table = display(MetadataParser.qualifiedTable(def.path("table")));
        String what = switch (type) {
            case "object_relation", "array_relation" -> "relationship " + table + "." + def.path("name").asText();
            case "computed_field" -> "computed_field " + table + "." + def.path("name").asText();
            case "event_trigger" -> "event-trigger " + table + "." + def.path("name").asText();
            default -> "permission " + table + "." + def.path("role").asText() + "."
                    + type.replace("_permission", "");
        };
        return what + " in source " + Docs.quote(MetadataParser.DEFAULT_SOURCE);
    }

    private static String display(QualifiedTable table) {
        return "public".equals(table.schema()) ? table.name() : table.schema() + "." + table.name();
    }

    private static String single(Connection conn, String sql) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
