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
        if (!object && fk && !using.path("foreign_key_constraint_on").isObject()) {
            throw MetadataApiException.parse("foreign_key_constraint_on of an array relationship needs "
                    + "{\"table\", \"column(s)\"}", "$.args.using.foreign_key_constraint_on");
        }
        ObjectNode entry = Docs.requireTable(doc, table);
        if (Relationships.fieldExists(entry, catalog.table(table).orElse(null), name)) {
            throw MetadataApiException.alreadyExists("field with name " + Docs.quote(name)
                    + " already exists in table " + Docs.quote(table.name()));
        }
        ObjectNode rel = Docs.array(entry, object ? "object_relationships" : "array_relationships").addObject();
        rel.put("name", name);
        rel.set("using", using.deepCopy());
        if (args.hasNonNull("comment")) {
            rel.put("comment", args.get("comment").asText());
        }
        Docs.normalizeTable(entry);
    }
}
