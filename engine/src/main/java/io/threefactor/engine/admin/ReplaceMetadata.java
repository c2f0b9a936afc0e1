package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.metadata.MetadataParser;

import java.util.Iterator;
import java.util.List;
import io.threefactor.engine.error.MetadataApiException;

/**
 * {@code replace_metadata} (the document itself, or {@code {"allow_inconsistent_metadata":…, "metadata":…}}; version 1 and
 * 2 documents with top-level {@code tables}/{@code functions} are moved into the default source, a version 1
 * function given by its name alone) and
 * {@code clear_metadata} (an empty default source, its connection settings kept).
 */
final class ReplaceMetadata implements DocumentChange {

    private final boolean clear;

    ReplaceMetadata(boolean clear) {
        this.clear = clear;
    }

    static JsonNode metadataArg(JsonNode args) {
        return args.has("metadata") && args.get("metadata").isObject() ? args.get("metadata") : args;
    }

    /** Version 1 lists functions by name ({@code "f"} or {@code {"schema","name"}}); later versions as {@code {"function"}}. */
    private static ArrayNode trackedFunctions(JsonNode functions) {
        ArrayNode out = Docs.F.arrayNode();
        for (JsonNode f : functions) {
            out.add(f.isObject() && f.has("function") ? f : Docs.F.objectNode().set("function", f));
        }
        return out;
    }

    @Override
    public void apply(ObjectNode doc, Catalog catalog, JsonNode args) {
        ObjectNode keptSource = Docs.source(doc).deepCopy();
        keptSource.putArray("tables");
        keptSource.remove("functions");
        ObjectNode next;
        if (clear) {
            next = Docs.F.objectNode();
            next.put("version", 3);
            next.putArray("sources").add(keptSource);
        } else {
            JsonNode given = metadataArg(args);
            if (!given.isObject()) {
                throw MetadataApiException.parse("expected an object", "$.args");
            }
            next = (ObjectNode) given.deepCopy();
            int version = next.path("version").asInt(1);
            if (version < 3 || !next.has("sources")) {
                ObjectNode source = keptSource.deepCopy();
                source.set("tables", next.path("tables").isArray() ? next.remove("tables") : Docs.F.arrayNode());
                if (next.path("functions").isArray()) {
                    source.set("functions", trackedFunctions(next.remove("functions")));
                }
                next.remove("tables");
                next.remove("functions");
                next.put("version", 3);
                next.putArray("sources").add(source);
            }
            for (JsonNode s : next.path("sources")) {
                if (!MetadataParser.DEFAULT_SOURCE.equals(s.path("name").asText())) {
                    throw MetadataApiException.validation("only the source \"default\" is served; got source "
                            + Docs.quote(s.path("name").asText()));
                }
                for (JsonNode t : s.path("tables")) {
                    if (!t.isObject() || !t.has("table")) {
                        throw MetadataApiException.parse("every table entry needs the key 'table'", "$.args");
                    }
                    ((ObjectNode) t).set("table", Docs.tableRef(MetadataParser.qualifiedTable(t.get("table"))));
                    Docs.normalizeTable((ObjectNode) t);
                }
            }
        }
        doc.removeAll();
        Iterator<String> names = next.fieldNames();
        for (String key : List.of("version", "sources")) {
            doc.set(key, next.get(key));
        }
        while (names.hasNext()) {
            String key = names.next();
            if (!doc.has(key)) {
                JsonNode v = next.get(key);
                if (!(v.isContainerNode() && v.isEmpty())) {
                    doc.set(key, v);
                }
            }
        }
        if (!(doc.get("sources") instanceof ArrayNode)) {
            doc.putArray("sources");
        }
    }
}
