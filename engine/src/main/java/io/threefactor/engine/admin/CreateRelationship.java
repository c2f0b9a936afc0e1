package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.error.MetadataApiException;

/**
 * {@code pg_create_object_relationship} / {@code pg_create_array_relationship}: {@code using} a foreign key
 * ({@code foreign_key_constraint_on}) or a {@code manual_configuration}. Whether the key or columns exist is checked
 * by the consistency check that follows every change.
 */
final class CreateRelationship implements DocumentChange {

    private final boolean object;

    CreateRelationship(boolean object) {
        this.object = object;
    }

    @Override
    public void apply(ObjectNode doc, Catalog catalog, JsonNode args) {
        QualifiedTable table = Docs.table(args);
        String name = Docs.requiredText(args, "name");
        JsonNode using = Docs.required(args, "using");
        boolean fk = using.has("foreign_key_constraint_on");
        boolean manual = using.has("manual_configuration");
        if (fk == manual) {
            throw MetadataApiException.parse((fk ? "only" : "atleast")
                    + " one of foreign_key_constraint_on/manual_configuration should be present", "$.args.using");
        }
        ObjectNode stored = using.deepCopy();
        if (fk) {
            stored.set("foreign_key_constraint_on", foreignKey(using.get("foreign_key_constraint_on")));
        }
        ObjectNode entry = Docs.requireTable(doc, table);
        if (Relationships.fieldExists(entry, catalog.table(table).orElse(null), name)) {
            throw MetadataApiException.alreadyExists("field with name " + Docs.quote(name)
                    + " already exists in table " + Docs.quote(table.name()));
        }
        ObjectNode rel = Docs.array(entry, object ? "object_relationships" : "array_relationships").addObject();
        rel.put("name", name);
        rel.set("using", stored);
        if (args.hasNonNull("comment")) {
            rel.put("comment", args.get("comment").asText());
        }
        Docs.normalizeTable(entry);
    }

    /**
     * {@code foreign_key_constraint_on} as Hasura reads it (a column or a list; {@code {"table", "column"}} or
     * {@code {"table", "columns"}}, either holding a column or a list; only the object form for an array
     * relationship), written back the way Hasura exports it: {@code column} for one, {@code columns} for several.
     */
    private JsonNode foreignKey(JsonNode fk) {
        String path = "$.args.using.foreign_key_constraint_on";
        if (!fk.isObject()) {
            if (!object) {
                throw MetadataApiException.parse("Expecting object { table, columns }.", path);
            }
            return columns(fk, path);
        }
        if (!fk.has("table")) {
            throw MetadataApiException.parse("the key 'table' was not present", path);
        }
        if (fk.has("column") == fk.has("columns")) {
            throw MetadataApiException.parse("expected exactly one of 'column' or 'columns'", path);
        }
        String key = fk.has("column") ? "column" : "columns";
        JsonNode columns = columns(fk.get(key), path + "." + key);
        ObjectNode out = Docs.F.objectNode();
        out.set("table", Docs.tableRef(Docs.tableAt(fk, "table")));
        out.set(columns.isTextual() ? "column" : "columns", columns);
        return out;
    }

    /** A column or a non-empty list of columns; a list of one becomes the column. */
    private static JsonNode columns(JsonNode columns, String path) {
        boolean list = columns.isArray() && !columns.isEmpty();
        if (!columns.isTextual() && !list) {
            throw MetadataApiException.parse("Expected string or array", path);
        }
        for (JsonNode c : columns) {
            if (!c.isTextual()) {
                throw MetadataApiException.parse("expected a string", path);
            }
        }
        return list && columns.size() == 1 ? columns.get(0) : columns.deepCopy();
    }
}
