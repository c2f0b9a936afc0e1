package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.metadata.MetadataParser;
import io.threefactor.engine.error.MetadataApiException;

/**
 * {@code pg_track_function} / {@code track_function} ({@code {"function":…, "configuration":…}}, or the legacy
 * {@code {"schema","name"}}) and {@code pg_untrack_function}. Stored in the source's {@code functions}; that the
 * function exists is checked by the consistency check. Serving it as a root field is the planner's job.
 * {@code pg_set_function_customization} replaces a tracked function's {@code configuration}, as in Hasura.
 */
final class TrackFunction implements DocumentChange {

    enum Kind { TRACK, UNTRACK, CUSTOMIZE }

    private final Kind kind;

    TrackFunction(Kind kind) {
        this.kind = kind;
    }

    static QualifiedTable function(JsonNode args) {
        JsonNode f = args.has("function") ? args.get("function") : args;
        if (!(f.isTextual() || f.path("name").isTextual())) {
            throw MetadataApiException.parse("the key 'function' was not present", "$.args");
        }
        return MetadataParser.qualifiedTable(f);
    }

    /**
     * {@code exposed_as}: {@code query} or {@code mutation}; left out, VOLATILE functions become mutations. Only a
     * VOLATILE function may be a mutation (a VOLATILE one may still be a query: the user vouches it has no effects).
     */
    static void checkExposure(QualifiedTable fn, JsonNode configuration, Catalog catalog) {
        JsonNode exposedAs = configuration.path("exposed_as");
        if (exposedAs.isMissingNode() || exposedAs.isNull()) {
            return;
        }
        if (!exposedAs.isTextual() || !(exposedAs.asText().equals("query") || exposedAs.asText().equals("mutation"))) {
            throw MetadataApiException.parse("expected \"query\" or \"mutation\" for exposed_as",
                    "$.args.configuration.exposed_as");
        }
        boolean isVolatile = catalog.function(fn).map(f -> "v".equals(f.volatility())).orElse(true);
        if (exposedAs.asText().equals("mutation") && !isVolatile) {
            throw new MetadataApiException("not-supported", "the function " + Docs.quote(fn.name())
                    + " cannot be tracked because the function was requested to be exposed as a mutation, but is not"
                    + " marked VOLATILE. Maybe the function was given the wrong volatility when it was defined?");
        }
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
        if (kind != Kind.TRACK && at < 0) {
            throw new MetadataApiException("not-exists", "function not found in cache " + Docs.quote(fn.name()));
        }
        if (kind == Kind.CUSTOMIZE) {
            JsonNode configuration = Docs.required(args, "configuration");
            if (!configuration.isObject()) {
                throw MetadataApiException.parse("expected an object", "$.args.configuration");
            }
            checkExposure(fn, configuration, catalog);
            CustomNames.checkConfiguration(configuration, "$.args.configuration");
            ObjectNode old = (ObjectNode) functions.get(at);
            ObjectNode entry = Docs.F.objectNode().set("function", old.get("function"));
            if (configuration.isObject() && !configuration.isEmpty()) {
                entry.set("configuration", configuration.deepCopy());
            }
            old.fields().forEachRemaining(e -> {
                if (!entry.has(e.getKey()) && !e.getKey().equals("configuration")) {
                    entry.set(e.getKey(), e.getValue());
                }
            });
            functions.set(at, entry);
            return;
        }
        if (kind == Kind.UNTRACK) {
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
        checkExposure(fn, args.path("configuration"), catalog);
        CustomNames.checkConfiguration(args.path("configuration"), "$.args.configuration");
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
