package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.error.MetadataApiException;

/** {@code pg_rename_relationship} ({@code name}, {@code new_name}) and {@code pg_set_relationship_comment}. */
final class RenameRelationship implements DocumentChange {

    private final boolean commentOnly;

    RenameRelationship(boolean commentOnly) {
        this.commentOnly = commentOnly;
    }

    @Override
    public void apply(ObjectNode doc, Catalog catalog, JsonNode args) {
        QualifiedTable table = Docs.table(args);
        String name = Docs.requiredText(args, commentOnly ? "relationship" : "name");
        ObjectNode entry = Docs.requireTable(doc, table);
        Object[] at = Relationships.find(entry, name);
        if (at == null) {
            throw MetadataApiException.notExists("relationship " + Docs.quote(name) + " does not exist in table "
                    + Docs.quote(table.name()));
        }
        ObjectNode rel = (ObjectNode) ((ArrayNode) entry.get((String) at[0])).get((int) at[1]);
        if (commentOnly) {
            if (args.hasNonNull("comment")) {
                rel.put("comment", args.get("comment").asText());
            } else {
                rel.remove("comment");
            }
            return;
        }
        String newName = Docs.requiredText(args, "new_name");
        if (Relationships.fieldExists(entry, catalog.table(table).orElse(null), newName)) {
            throw MetadataApiException.alreadyExists("field with name " + Docs.quote(newName)
                    + " already exists in table " + Docs.quote(table.name()));
        }
        rel.put("name", newName);
    }
}
