package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.metadata.MetadataParser;

import java.util.List;
import java.util.Map;

/**
 * Where a metadata document names a table: a tracked table's {@code table}, relationships'
 * {@code foreign_key_constraint_on.table} and {@code manual_configuration.remote_table}, and {@code _exists._table}
 * in permissions.
 */
final class TableReferences {

    private static final List<String> KEYS = List.of("table", "remote_table", "_table");

    private TableReferences() { }

    /** Renames every reference to {@code from} (a table run_sql renamed). */
    static void rename(JsonNode node, QualifiedTable from, QualifiedTable to) {
        if (node.isArray()) {
            node.forEach(n -> rename(n, from, to));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) node;
        for (Map.Entry<String, JsonNode> e : List.copyOf(object.properties())) {
            JsonNode value = e.getValue();
            if (KEYS.contains(e.getKey()) && isTableRef(value) && MetadataParser.qualifiedTable(value).equals(from)) {
                object.set(e.getKey(), Docs.tableRef(to));
            } else {
                rename(value, from, to);
            }
        }
    }

    private static boolean isTableRef(JsonNode value) {
        return value.isTextual() || (value.isObject() && value.path("name").isTextual() && value.size() <= 2
                && (value.size() == 1 || value.has("schema")));
    }
}
