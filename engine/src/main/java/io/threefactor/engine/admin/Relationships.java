package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.catalog.ForeignKey;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.catalog.TableInfo;
import io.threefactor.engine.metadata.MetadataParser;

import java.util.List;
import java.util.Optional;

/** Relationship helpers shared by the relationship changes and untrack's dependency check. */
final class Relationships {

    private Relationships() { }

    /** The table a relationship entry leads to, if it can be told. */
    static Optional<QualifiedTable> target(JsonNode rel, QualifiedTable owner, Catalog catalog) {
        JsonNode using = rel.path("using");
        if (using.has("manual_configuration")) {
            return Optional.of(MetadataParser.qualifiedTable(using.path("manual_configuration").path("remote_table")));
        }
        JsonNode fk = using.path("foreign_key_constraint_on");
        if (fk.isObject() && fk.has("table")) {
            return Optional.of(MetadataParser.qualifiedTable(fk.path("table")));
        }
        List<String> cols = MetadataParser.foreignKeyColumns(fk);
        return catalog.table(owner).flatMap(t -> t.foreignKeyOn(cols)).map(ForeignKey::refTable);
    }

    /** Where a relationship named {@code name} lives in the table entry: [kind, index], or null. */
    static Object[] find(ObjectNode table, String name) {
        for (String kind : List.of("object_relationships", "array_relationships")) {
            JsonNode list = table.path(kind);
            if (list.isArray()) {
                int i = Docs.indexOf((ArrayNode) list, "name", name);
                if (i >= 0) {
                    return new Object[] {kind, i};
                }
            }
        }
        return null;
    }

    static boolean fieldExists(ObjectNode table, TableInfo info, String name) {
        if (find(table, name) != null) {
            return true;
        }
        if (info != null && info.column(name).isPresent()) {
            return true;
        }
        JsonNode computed = table.path("computed_fields");
        return computed.isArray() && Docs.indexOf((ArrayNode) computed, "name", name) >= 0;
    }
}
