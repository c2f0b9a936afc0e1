package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.error.MetadataApiException;

import java.util.List;

/**
 * {@code pg_create_{select,insert,update,delete}_permission} ({@code role}, {@code permission}, {@code comment}).
 * Columns, presets and filter columns are checked against the table by the consistency check. An insert permission
 * without {@code columns} allows every column, as in Hasura.
 */
final class CreatePermission implements DocumentChange {

    private final String kind;

    CreatePermission(String kind) {
        this.kind = kind;
    }

    /** The keys Hasura's permission parsers require; the rest default (insert columns: all of them). */
    private List<String> requiredKeys() {
        return switch (kind) {
            case "select", "update" -> List.of("columns", "filter");
            case "insert" -> List.of("check");
            default -> List.of("filter");
        };
    }

    @Override
    public void apply(ObjectNode doc, Catalog catalog, JsonNode args) {
        QualifiedTable table = Docs.table(args);
        String role = Docs.requiredText(args, "role");
        JsonNode permission = Docs.required(args, "permission");
        if (!permission.isObject()) {
            throw MetadataApiException.parse("expected an object", "$.args.permission");
        }
        for (String key : requiredKeys()) {
            if (!permission.has(key)) {
                throw MetadataApiException.parse("the key '" + key + "' was not present", "$.args.permission");
            }
        }
        ObjectNode entry = Docs.requireTable(doc, table);
        if ("admin".equals(role) || Docs.indexOf(Docs.array(entry, kind + "_permissions"), "role", role) >= 0) {
            throw MetadataApiException.alreadyExists(kind + " permission already defined on table "
                    + Docs.quote(table.name()) + " with role " + Docs.quote(role));
        }
        ArrayNode list = Docs.array(entry, kind + "_permissions");
        ObjectNode p = list.addObject();
        p.put("role", role);
        p.set("permission", permission.deepCopy());
        if (args.hasNonNull("comment")) {
            p.put("comment", args.get("comment").asText());
        }
        Docs.normalizeTable(entry);
    }
}
