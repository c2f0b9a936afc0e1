package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.error.MetadataApiException;

/** {@code pg_drop_relationship} ({@code relationship}, {@code cascade}). */
final class DropRelationship implements DocumentChange {

    @Override
    public void apply(ObjectNode doc, Catalog catalog, JsonNode args) {
        QualifiedTable table = Docs.table(args);
        String name = Docs.requiredText(args, "relationship");
        ObjectNode entry = Docs.requireTable(doc, table);
        Object[] at = Relationships.find(entry, name);
        if (at == null) {
            throw MetadataApiException.notExists("relationship " + Docs.quote(name) + " does not exist in table "
                    + Docs.quote(table.name()));
        }
        ((ArrayNode) entry.get((String) at[0])).remove((int) at[1]);
        Docs.normalizeTable(entry);
    }
}
