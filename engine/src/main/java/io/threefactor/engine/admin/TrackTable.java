package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.error.MetadataApiException;

/**
 * {@code pg_track_table} (v1 and v2 arguments: {@code configuration}, {@code is_enum}). As in Hasura, the arguments
 * may also be just the table: {@code "author"} or {@code {"schema": …, "name": …}}.
 */
final class TrackTable implements DocumentChange {

    @Override
    public JsonNode arguments(JsonNode args) {
        boolean bareTable = args.isTextual() || (args.isObject() && !args.has("table") && args.path("name").isTextual());
        return bareTable ? Docs.F.objectNode().set("table", args.deepCopy()) : args;
    }

    @Override
    public void apply(ObjectNode doc, Catalog catalog, JsonNode args) {
        QualifiedTable table = Docs.table(args);
        if (Docs.findTable(doc, table).isPresent()) {
            throw new MetadataApiException("already-tracked", "view/table already tracked: " + Docs.quote(table.name()));
        }
        ObjectNode entry = Docs.tables(doc).addObject();
        entry.set("table", Docs.tableRef(table));
        if (args.path("is_enum").asBoolean(false)) {
            entry.put("is_enum", true);
        }
        if (args.path("configuration").isObject()) {
            CustomNames.checkConfiguration(args.get("configuration"), "$.args.configuration");
            entry.set("configuration", args.get("configuration").deepCopy());
        }
        Docs.normalizeTable(entry);
    }
}
