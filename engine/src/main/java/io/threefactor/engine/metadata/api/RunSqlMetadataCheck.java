package io.threefactor.engine.metadata.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.catalog.CatalogReader;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.metadata.MetadataParser;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Hasura's metadata check of {@code run_sql}: inside the SQL's transaction, before it commits, the database is read
 * again and the metadata checked against it. Tracked tables and functions the SQL dropped are untracked with what
 * they own. Other objects it broke (a relationship to a dropped table, a permission on a dropped column, …) are
 * dependents: without {@code cascade} the SQL is rolled back with {@code dependency-error}, with it they are dropped.
 */
final class RunSqlMetadataCheck {

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

    /** What the SQL did to the metadata: the database as it now is, and the objects to remove (null for none). */
    record Outcome(Catalog catalog, Set<String> functions, DocumentChange removal) { }

    private Outcome outcome;

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

    /** Runs on run_sql's connection before the commit; throws {@code dependency-error} to roll the SQL back. */
    void check(Connection conn) throws SQLException {
        Catalog catalog = new CatalogReader(json).parse(single(conn, CatalogReader.introspectionSql()));
        Set<String> functions = new HashSet<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(FUNCTIONS_SQL)) {
            while (rs.next()) {
                functions.add(rs.getString(1));
            }
        }
        List<ObjectNode> added = Inconsistencies.added(before, Inconsistencies.check(doc, catalog, functions));
        List<ObjectNode> dropped = added.stream().filter(o -> isDropped(o.path("type").asText())).toList();
        // what the dropped tables and functions owned goes with them; what is still broken depends on them
        ObjectNode rest = doc.deepCopy();
        dropped.forEach(o -> InconsistentObjects.remove(rest, o));
        List<ObjectNode> dependents = Inconsistencies.added(before, Inconsistencies.check(rest, catalog, functions));
        if (!dependents.isEmpty() && !cascade) {
            List<String> names = dependents.stream().map(RunSqlMetadataCheck::describe).toList();
            throw new MetadataApiException("dependency-error", "cannot drop due to the following dependent objects: "
                    + String.join(", ", names), "$");
        }
        List<ObjectNode> removed = new ArrayList<>(dropped);
        removed.addAll(dependents);
        outcome = new Outcome(catalog, functions, removed.isEmpty() ? null : removal(removed));
    }

    Outcome outcome() {
        return outcome;
    }

    private static boolean isDropped(String type) {
        return "table".equals(type) || "function".equals(type);
    }

    /** Removes the objects, re-applicable to a fresh copy of the document if the save must be retried. */
    private static DocumentChange removal(List<ObjectNode> objects) {
        return (document, catalog, args) -> objects.forEach(o -> InconsistentObjects.remove(document, o));
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
