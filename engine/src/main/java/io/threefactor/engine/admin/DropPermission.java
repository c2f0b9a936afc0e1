package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.error.MetadataApiException;

/** {@code pg_drop_{select,insert,update,delete}_permission} ({@code role}). */
final class DropPermission implements DocumentChange {

    private final String kind;

    DropPermission(String kind) {
        this.kind = kind;
    }

    @Override
    public void apply(ObjectNode doc, Catalog catalog, JsonNode args) {
        QualifiedTable table = Docs.table(args);
        String role = Docs.requiredText(args, "role");
        ObjectNode entry = Docs.requireTable(doc, table);
        ArrayNode list = Docs.array(entry, kind + "_permissions");
        int i = Docs.indexOf(list, "role", role);
        if (i < 0) {
            Docs.normalizeTable(entry);
            throw new MetadataApiException("permission-denied", "'" + kind + "' permission on "
                    + Docs.quote(table.name()) + " for role " + Docs.quote(role) + " does not exist");
        }
        list.remove(i);
        Docs.normalizeTable(entry);
    }
}
