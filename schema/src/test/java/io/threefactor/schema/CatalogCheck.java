package io.threefactor.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the metadata against the migrated database as Hasura would on load: tracked tables,
 * relationship columns, permission columns, presets, and the columns and relationships that
 * boolean expressions name. Returns the problems found, empty when consistent.
 */
final class CatalogCheck {

    private final Map<String, Set<String>> columnsByTable = new HashMap<>();
    /** table → relationship name → target table. */
    private final Map<String, Map<String, String>> relationships = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    static List<String> run(Connection connection, List<JsonNode> tables) throws SQLException {
        CatalogCheck check = new CatalogCheck();
        check.readColumns(connection);
        check.readRelationships(connection, tables);
        tables.forEach(check::checkPermissions);
        return check.problems;
    }

    private void readColumns(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery(
                     "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'")) {
            while (rs.next()) {
                columnsByTable.computeIfAbsent(rs.getString(1), t -> new HashSet<>()).add(rs.getString(2));
            }
        }
    }

    /** Resolves relationship targets; object relationships via the FK constraint on the column. */
    private void readRelationships(Connection connection, List<JsonNode> tables) throws SQLException {
        Map<String, String> fkTarget = new HashMap<>(); // "table.column" → referenced table
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT src.relname, a.attname, dst.relname
                     FROM pg_constraint c
                     JOIN pg_class src ON src.oid = c.conrelid
                     JOIN pg_class dst ON dst.oid = c.confrelid
                     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
                     WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace""")) {
            while (rs.next()) {
                fkTarget.put(rs.getString(1) + "." + rs.getString(2), rs.getString(3));
            }
        }
        for (JsonNode table : tables) {
            String name = table.path("table").path("name").asText();
            if (!columnsByTable.containsKey(name)) {
                problems.add("tracked table does not exist: " + name);
                continue;
            }
            Map<String, String> own = relationships.computeIfAbsent(name, n -> new HashMap<>());
            for (JsonNode rel : table.path("object_relationships")) {
                String column = rel.path("using").path("foreign_key_constraint_on").asText();
                String target = fkTarget.get(name + "." + column);
                if (target == null) {
                    problems.add(name + "." + rel.path("name").asText() + ": no foreign key on " + column);
                } else {
                    own.put(rel.path("name").asText(), target);
                }
            }
            for (JsonNode rel : table.path("array_relationships")) {
                JsonNode on = rel.path("using").path("foreign_key_constraint_on");
                String remote = on.path("table").path("name").asText();
                String column = on.path("column").asText();
                if (!name.equals(fkTarget.get(remote + "." + column))) {
                    problems.add(name + "." + rel.path("name").asText() + ": no foreign key " + remote + "." + column
                            + " → " + name);
                } else {
                    own.put(rel.path("name").asText(), remote);
                }
            }
        }
    }

    private void checkPermissions(JsonNode table) {
        String name = table.path("table").path("name").asText();
        for (String kind : List.of("select_permissions", "insert_permissions", "update_permissions",
                "delete_permissions")) {
            for (JsonNode entry : table.path(kind)) {
                String where = name + " " + kind + " " + entry.path("role").asText();
                JsonNode permission = entry.path("permission");
                permission.path("columns").forEach(c -> requireColumn(name, c.asText(), where));
                permission.path("set").fieldNames().forEachRemaining(c -> requireColumn(name, c, where + " set"));
                checkBoolExp(name, permission.path("filter"), where + " filter");
                checkBoolExp(name, permission.path("check"), where + " check");
            }
        }
    }

    private void checkBoolExp(String table, JsonNode expression, String where) {
        if (expression.isArray()) {
            expression.forEach(item -> checkBoolExp(table, item, where));
            return;
        }
        expression.fieldNames().forEachRemaining(key -> {
            JsonNode value = expression.get(key);
            if (key.equals("_and") || key.equals("_or") || key.equals("_not")) {
                checkBoolExp(table, value, where);
            } else if (key.startsWith("_")) {
                // an operator on the enclosing column: nothing to resolve
            } else if (relationships.getOrDefault(table, Map.of()).containsKey(key)) {
                checkBoolExp(relationships.get(table).get(key), value, where + " → " + key);
            } else {
                requireColumn(table, key, where);
            }
        });
    }

    private void requireColumn(String table, String column, String where) {
        if (!columnsByTable.getOrDefault(table, Set.of()).contains(column)) {
            problems.add(where + ": no column " + table + "." + column);
        }
    }
}
