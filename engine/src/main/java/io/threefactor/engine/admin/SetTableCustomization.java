package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.catalog.TableInfo;

import java.util.Iterator;
import java.util.Map;
import io.threefactor.engine.error.MetadataApiException;

/**
 * {@code pg_set_table_customization} ({@code configuration}: {@code custom_name}, {@code custom_root_fields},
 * {@code column_config}, {@code custom_column_names}), the older {@code set_table_custom_fields}
 * ({@code custom_root_fields}, {@code custom_column_names} at the top of the arguments) and {@code pg_set_table_is_enum}.
 */
final class SetTableCustomization implements DocumentChange {

    enum Kind { CUSTOMIZATION, CUSTOM_FIELDS, IS_ENUM }

    private final Kind kind;

    SetTableCustomization(Kind kind) {
        this.kind = kind;
    }

    @Override
    public void apply(ObjectNode doc, Catalog catalog, JsonNode args) {
        QualifiedTable table = Docs.table(args);
        ObjectNode entry = Docs.requireTable(doc, table);
        if (kind == Kind.IS_ENUM) {
            entry.put("is_enum", Docs.required(args, "is_enum").asBoolean());
            if (!entry.get("is_enum").asBoolean()) {
                entry.remove("is_enum");
            }
            Docs.normalizeTable(entry);
            return;
        }
        ObjectNode config;
        if (kind == Kind.CUSTOM_FIELDS) {
            CustomNames.rootFields(args.get("custom_root_fields"), "$.args.custom_root_fields");
            CustomNames.columnNames(args.get("custom_column_names"), "$.args.custom_column_names");
            config = entry.path("configuration").isObject() ? (ObjectNode) entry.get("configuration").deepCopy()
                    : Docs.F.objectNode();
            config.set("custom_root_fields", args.path("custom_root_fields").isObject()
                    ? args.get("custom_root_fields").deepCopy() : Docs.F.objectNode());
            config.set("custom_column_names", args.path("custom_column_names").isObject()
                    ? args.get("custom_column_names").deepCopy() : Docs.F.objectNode());
        } else {
            JsonNode c = args.path("configuration");
            if (!c.isMissingNode() && !c.isNull() && !c.isObject()) {
                throw MetadataApiException.parse("expected an object", "$.args.configuration");
            }
            CustomNames.checkConfiguration(c, "$.args.configuration");
            config = c.isObject() ? (ObjectNode) c.deepCopy() : Docs.F.objectNode();
        }
        TableInfo info = catalog.table(table).orElse(null);
        for (String field : new String[] {"column_config", "custom_column_names"}) {
            Iterator<Map.Entry<String, JsonNode>> columns = config.path(field).fields();
            while (columns.hasNext()) {
                String column = columns.next().getKey();
                if (info != null && info.column(column).isEmpty()) {
                    throw MetadataApiException.notExists("the following columns are not found in table "
                            + Docs.quote(table.name()) + ": " + column);
                }
            }
        }
        entry.set("configuration", config);
        Docs.normalizeTable(entry);
    }
}
