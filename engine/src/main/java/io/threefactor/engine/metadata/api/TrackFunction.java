package io.threefactor.engine.metadata.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.metadata.MetadataParser;

/**
 * {@code pg_track_function} / {@code track_function} ({@code {"function":…, "configuration":…}}, or the legacy
 * {@code {"schema","name"}}) and {@code pg_untrack_function}. Stored in the source's {@code functions}; that the
 * function exists is checked by the consistency check. Serving it as a root field is the planner's job.
 */
final class TrackFunction implements DocumentChange {

    private final boolean track;

    TrackFunction(boolean track) {
        this.track = track;
    }

    static QualifiedTable function(JsonNode args) {
        JsonNode f = args.has("function") ? args.get("function") : args;
        if (!(f.isTextual() || f.path("name").isTextual())) {
            throw MetadataApiException.parse("the key 'function' was not present", "$.args");
        }
        return MetadataParser.qualifiedTable(f);
    }

    @Override
    public void apply(ObjectNode doc, Catalog catalog, JsonNode args) {
        QualifiedTable fn = function(args);
        ArrayNode functions = Docs.array(Docs.source(doc), "functions");
        int at = -1;
        for (int i = 0; i < functions.size(); i++) {
            if (MetadataParser.qualifiedTable(functions.get(i).path("function")).equals(fn)) {
                at = i;
            }
        }
        if (!track) {
            if (at < 0) {
                throw new MetadataApiException("not-exists", "function not found in cache " + Docs.quote(fn.name()));
            }
            functions.remove(at);
            if (functions.isEmpty()) {
                Docs.source(doc).remove("functions");
            }
            return;
        }
        if (at >= 0) {
            throw new MetadataApiException("already-tracked", "function already tracked: " + Docs.quote(fn.name()));
        }
        if (Docs.findTable(doc, fn).isPresent()) {
            throw new MetadataApiException("not-supported", "table with name " + Docs.quote(fn.name())
                    + " already exists");
        }
        ObjectNode entry = functions.addObject();
        entry.set("function", Docs.tableRef(fn));
        if (args.path("configuration").isObject() && !args.get("configuration").isEmpty()) {
            entry.set("configuration", args.get("configuration").deepCopy());
        }
        if (args.path("permissions").isArray() && !args.get("permissions").isEmpty()) {
            entry.set("permissions", args.get("permissions").deepCopy());
        }
        if (args.hasNonNull("comment")) {
            entry.put("comment", args.get("comment").asText());
        }
    }
}
