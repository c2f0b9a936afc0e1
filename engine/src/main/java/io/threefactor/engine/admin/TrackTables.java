package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.metadata.MetadataParser;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import io.threefactor.engine.error.MetadataApiException;

/**
 * {@code pg_track_tables} and {@code pg_untrack_tables}: {@code pg_track_table}/{@code pg_untrack_table} for each of
 * {@code tables}. A table that fails is a warning ({@code track-table-failed}) and the others go ahead; with
 * {@code "allow_warnings": false} any warning fails the call ({@code metadata-warnings}), and if every table fails
 * so does the call ({@code invalid-configuration}), as in Hasura.
 */
final class TrackTables {

    /** Applies one change to the request's document (checked) or throws. */
    @FunctionalInterface
    interface Apply {
        void apply(DocumentChange change, JsonNode args);
    }

    private final boolean track;

    TrackTables(boolean track) {
        this.track = track;
    }

    JsonNode run(JsonNode args, Apply apply) {
        JsonNode tables = Docs.required(args, "tables");
        if (!tables.isArray()) {
            throw MetadataApiException.parse("expected an array", "$.args.tables");
        }
        rejectDuplicates(tables);
        String verb = track ? "track" : "untrack";
        DocumentChange change = track ? new TrackTable() : new UntrackTable();
        ArrayNode warnings = Docs.F.arrayNode();
        int done = 0;
        for (int i = 0; i < tables.size(); i++) {
            JsonNode item = tables.get(i);
            if (!item.isObject()) {
                throw MetadataApiException.parse("expected an object", "$.args.tables[" + i + "]");
            }
            QualifiedTable table = Docs.table(item);
            try {
                String source = item.path("source").asText(MetadataParser.DEFAULT_SOURCE);
                if (!MetadataParser.DEFAULT_SOURCE.equals(source)) {
                    throw MetadataApiException.notExists("source with name " + Docs.quote(source) + " does not exist");
                }
                apply.apply(change, item);
                done++;
            } catch (MetadataApiException e) {
                warnings.add(Docs.F.objectNode().put("message", e.getMessage()).put("type", "table")
                        .put("name", "table " + table.name() + " in source " + MetadataParser.DEFAULT_SOURCE)
                        .put("code", verb + "-table-failed"));
            }
        }
        if (done == 0) {
            throw new MetadataApiException("invalid-configuration", "all tables failed to " + verb, "$.args", 400, warnings);
        }
        if (!args.path("allow_warnings").asBoolean(true) && !warnings.isEmpty()) {
            throw new MetadataApiException("metadata-warnings", "failed due to metadata warnings", "$.args", 400, warnings);
        }
        ObjectNode out = Docs.F.objectNode().put("message", "success");
        if (!warnings.isEmpty()) {
            out.set("warnings", warnings);
        }
        return out;
    }

    private static void rejectDuplicates(JsonNode tables) {
        Set<QualifiedTable> seen = new LinkedHashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (JsonNode item : tables) {
            if (item.isObject() && item.has("table")) {
                QualifiedTable t = Docs.table(item);
                if (!seen.add(t) && !duplicates.contains(t.name())) {
                    duplicates.add(MetadataParser.DEFAULT_SOURCE + "." + t.name());
                }
            }
        }
        if (!duplicates.isEmpty()) {
            throw new MetadataApiException("bad-request", "The following tables occur more than once in the request: "
                    + String.join(", ", duplicates), "$.args.tables");
        }
    }
}
