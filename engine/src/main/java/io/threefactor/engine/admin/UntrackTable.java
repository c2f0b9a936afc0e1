package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.metadata.MetadataParser;

import java.util.ArrayList;
import java.util.List;
import io.threefactor.engine.error.MetadataApiException;

/**
 * {@code pg_untrack_table}: relationships of other tables that lead to it are dependents — an error unless
 * {@code cascade}, in which case they are dropped too (as are the table's event triggers, with the table).
 */
final class UntrackTable implements DocumentChange {

    @Override
    public void apply(ObjectNode doc, Catalog catalog, JsonNode args) {
        QualifiedTable table = Docs.legacyTable(args);
        ObjectNode entry = Docs.findTable(doc, table).orElseThrow(() -> new MetadataApiException("already-untracked",
                "view/table already untracked: " + Docs.quote(table.name())));
        List<String> dependents = new ArrayList<>();
        for (JsonNode t : Docs.tables(doc)) {
            QualifiedTable owner = MetadataParser.qualifiedTable(t.path("table"));
            if (owner.equals(table)) {
                continue;
            }
            for (String kind : List.of("object_relationships", "array_relationships")) {
                if (!t.path(kind).isArray()) {
                    continue;
                }
                ArrayNode rels = (ArrayNode) t.path(kind);
                for (int i = rels.size() - 1; i >= 0; i--) {
                    if (Relationships.target(rels.get(i), owner, catalog).map(table::equals).orElse(false)) {
                        dependents.add("relationship " + owner.name() + "." + rels.get(i).path("name").asText()
                                + " in source \"default\"");
                        if (args.path("cascade").asBoolean(false)) {
                            rels.remove(i);
                        }
                    }
                }
                Docs.normalizeTable((ObjectNode) t);
            }
        }
        if (!dependents.isEmpty() && !args.path("cascade").asBoolean(false)) {
            throw new MetadataApiException("dependency-error",
                    "cannot drop due to the following dependent objects: " + String.join(", ", dependents));
        }
        ArrayNode tables = Docs.tables(doc);
        for (int i = 0; i < tables.size(); i++) {
            if (tables.get(i) == entry) {
                tables.remove(i);
                break;
            }
        }
    }
}
