package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.error.MetadataApiException;

/**
 * {@code pg_add_computed_field} ({@code table}, {@code name}, {@code definition}: {@code function},
 * {@code table_argument}, {@code session_argument}; {@code comment}) and {@code pg_drop_computed_field}. Stored in
 * the table's {@code computed_fields}; the function's existence is checked by the consistency check.
 */
final class ComputedField implements DocumentChange {

    private final boolean add;

    ComputedField(boolean add) {
        this.add = add;
    }

    @Override
    public void apply(ObjectNode doc, Catalog catalog, JsonNode args) {
        QualifiedTable table = Docs.table(args);
        String name = Docs.requiredText(args, "name");
        ObjectNode entry = Docs.requireTable(doc, table);
        ArrayNode list = Docs.array(entry, "computed_fields");
        int at = Docs.indexOf(list, "name", name);
        if (!add) {
            if (at < 0) {
                Docs.normalizeTable(entry);
                throw MetadataApiException.notExists("computed field " + Docs.quote(name) + " does not exist");
            }
            list.remove(at);
            Docs.normalizeTable(entry);
            return;
        }
        JsonNode definition = Docs.required(args, "definition");
        if (!definition.has("function")) {
            throw MetadataApiException.parse("the key 'function' was not present", "$.args.definition");
        }
        if (Relationships.fieldExists(entry, catalog.table(table).orElse(null), name)) {
            Docs.normalizeTable(entry);
            throw MetadataApiException.alreadyExists("field with name " + Docs.quote(name)
                    + " already exists in table " + Docs.quote(table.name()));
        }
        ObjectNode cf = list.addObject();
        cf.put("name", name);
        ObjectNode def = definition.deepCopy();
        if (def.get("function").isTextual()) {
            def.set("function", Docs.tableRef(QualifiedTable.of("public", def.get("function").asText())));
        }
        cf.set("definition", def);
        if (args.hasNonNull("comment")) {
            cf.put("comment", args.get("comment").asText());
        }
        Docs.normalizeTable(entry);
    }
}
