package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.metadata.MetadataParser;
import java.util.function.Predicate;

/** Removes one reported inconsistent object from a document ({@code drop_inconsistent_metadata}). */
final class InconsistentObjects {

    private InconsistentObjects() { }

    static void remove(ObjectNode doc, ObjectNode object) {
        String type = object.path("type").asText();
        JsonNode def = object.path("definition");
        if ("table".equals(type)) {
            QualifiedTable t = MetadataParser.qualifiedTable(def);
            removeWhere(Docs.tables(doc), e -> MetadataParser.qualifiedTable(e.path("table")).equals(t));
            return;
        }
        if ("function".equals(type)) {
            QualifiedTable f = MetadataParser.qualifiedTable(def.path("function"));
            ArrayNode functions = Docs.array(Docs.source(doc), "functions");
            removeWhere(functions, e -> MetadataParser.qualifiedTable(e.path("function")).equals(f));
            if (functions.isEmpty()) {
                Docs.source(doc).remove("functions");
            }
            return;
        }
        QualifiedTable table = MetadataParser.qualifiedTable(def.path("table"));
        Docs.findTable(doc, table).ifPresent(entry -> {
            String list;
            String key;
            switch (type) {
                case "object_relation" -> { list = "object_relationships"; key = "name"; }
                case "array_relation" -> { list = "array_relationships"; key = "name"; }
                case "computed_field" -> { list = "computed_fields"; key = "name"; }
                case "event_trigger" -> { list = "event_triggers"; key = "name"; }
                default -> { list = type.replace("_permission", "_permissions"); key = "role"; }
            }
            JsonNode items = entry.path(list);
            if (items.isArray()) {
                String value = def.path(key).asText();
                removeWhere((ArrayNode) items, e -> value.equals(e.path(key).asText()));
            }
            Docs.normalizeTable(entry);
        });
    }

    private static void removeWhere(ArrayNode list, Predicate<JsonNode> test) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (test.test(list.get(i))) {
                list.remove(i);
            }
        }
    }
}
