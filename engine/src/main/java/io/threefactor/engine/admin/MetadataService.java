package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.error.MetadataApiException;
import io.threefactor.engine.events.EventTriggerService;
import io.threefactor.engine.metadata.MetadataParser;
import io.threefactor.engine.session.Session;
import io.vertx.core.Future;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Set;
import java.util.List;

/**
 * Hasura's metadata API ({@code /v1/metadata}, legacy {@code /v1/query}, {@code /v2/query}): which calls each
 * endpoint takes and who may make them, and the dispatch of each call to its family. A request — one call or a
 * {@code bulk} — runs as one {@link MetadataTransaction}; requests run one at a time per instance
 * ({@link RequestQueue}); other instances follow through {@link MetadataReloadListener}.
 */
@Singleton
public class MetadataService {

    /** What {@code bulk_atomic} takes (Hasura: relationships; tables and the rest are not deferrable). */
    private static final List<String> ATOMIC_CALLS = List.of("create_object_relationship", "create_array_relationship",
            "drop_relationship");

    private static final List<String> EVENT_CALLS = List.of("redeliver_event", "invoke_event_trigger",
            "get_event_logs", "get_event_invocation_logs", "get_event_by_id", "delete_event_logs");

    private final DocumentChanges changes = new DocumentChanges();
    private final MetadataTransaction transaction;
    private final RequestQueue queue;
    private final ReadCalls reads;
    private final RunSqlCall runSql;
    private final RowApi rows;
    private final EventTriggerService events;
    private final ObjectMapper json;

    @Inject
    MetadataService(MetadataTransaction transaction, RequestQueue queue, ReadCalls reads, RunSqlCall runSql,
                    RowApi rows, EventTriggerService events, ObjectMapper json) {
        this.transaction = transaction;
        this.queue = queue;
        this.reads = reads;
        this.runSql = runSql;
        this.rows = rows;
        this.events = events;
        this.json = json;
    }

    public Future<JsonNode> execute(JsonNode body, Session session, Endpoint endpoint) {
        JsonNode version = body.path("version");
        if (!version.isMissingNode() && !(version.isIntegralNumber() && (version.asInt() == 1 || version.asInt() == 2))) {
            return Future.failedFuture(MetadataApiException.parse("expected 1 or 2, encountered " + version, "$.version"));
        }
        if (endpoint != Endpoint.METADATA && RowApi.CALLS.contains(body.path("type").asText())) {
            // a lone row API call changes no metadata: it need not wait for metadata requests
            return run(body, "$", new AdminRequest(session, endpoint, 1));
        }
        return queue.enqueue(() -> {
            AdminRequest request = new AdminRequest(session, endpoint, body.path("version").asInt(1));
            return run(body, "$", request).compose(result -> transaction.commit(request).map(result));
        });
    }

    /** Calls on the whole metadata: Hasura reads no {@code source} in their arguments, so one there is ignored. */
    private static final Set<String> WHOLE_METADATA = Set.of("reload_metadata", "export_metadata", "replace_metadata",
            "clear_metadata", "get_inconsistent_metadata", "drop_inconsistent_metadata");

    private Future<JsonNode> run(JsonNode query, String path, AdminRequest request) {
        if (!query.isObject()) {
            return Future.failedFuture(MetadataApiException.parse("expected an object", path));
        }
        JsonNode typeNode = query.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            return Future.failedFuture(MetadataApiException.parse("the key 'type' was not present", path));
        }
        String type = typeNode.asText();
        JsonNode args = query.has("args") && !query.get("args").isNull() ? query.get("args") : json.createObjectNode();
        String argsPath = path.equals("$") ? "$.args" : path + ".args";
        String name = type.startsWith("pg_") ? type.substring(3) : type;
        if (args.isObject() && args.hasNonNull("source") && !WHOLE_METADATA.contains(name)
                && !MetadataParser.DEFAULT_SOURCE.equals(args.get("source").asText())) {
            return Future.failedFuture(MetadataApiException.notExists("source with name "
                    + Docs.quote(args.get("source").asText()) + " does not exist").at(argsPath));
        }
        if (request.endpoint == Endpoint.QUERY_V2 && !name.equals("run_sql") && !name.equals("bulk")
                && !name.equals("concurrent_bulk") && !RowApi.CALLS.contains(name)) {
            return Future.failedFuture(unknown(type, path));
        }
        boolean rowCall = request.endpoint != Endpoint.METADATA && RowApi.CALLS.contains(type);
        if (!request.session.isAdmin() && !rowCall && !"bulk".equals(type) && !"concurrent_bulk".equals(type)) {
            // other roles may use the row API (their permissions apply), nothing else
            return Future.failedFuture(new MetadataApiException("access-denied", "restricted access : admin only", path));
        }
        try {
            return dispatch(type, name, args, path, argsPath, request)
                    .recover(e -> Future.failedFuture(e instanceof MetadataApiException m ? relocate(m, argsPath) : e));
        } catch (MetadataApiException e) {
            return Future.failedFuture(relocate(e, argsPath));
        }
    }

    /** A call's error under its place in a bulk ({@code $.args[2].args.where…}). */
    private static MetadataApiException relocate(MetadataApiException e, String argsPath) {
        return e.path().equals("$.args") || e.path().startsWith("$.args.")
                ? e.at(argsPath + e.path().substring("$.args".length())) : e;
    }

    private Future<JsonNode> dispatch(String type, String name, JsonNode args, String path, String argsPath,
                                      AdminRequest request) {
        if ("bulk".equals(name)) {
            return bulk(args, argsPath, request, false);
        }
        if ("bulk_keep_going".equals(name) && request.endpoint == Endpoint.METADATA) {
            return bulk(args, argsPath, request, true);
        }
        if ("bulk_atomic".equals(name) && request.endpoint == Endpoint.METADATA) {
            return bulkAtomic(args, argsPath, request);
        }
        if ("concurrent_bulk".equals(name) && request.endpoint == Endpoint.QUERY_V2) {
            return concurrentBulk(args, argsPath, request);
        }
        if ("run_sql".equals(name)) {
            if (request.endpoint == Endpoint.METADATA) {
                throw unknown(type, path);
            }
            return runSql.run(args, request);
        }
        if (RowApi.CALLS.contains(type) && request.endpoint != Endpoint.METADATA) {
            // earlier calls of a bulk (tracking a table, say) take effect first
            return transaction.commit(request).compose(v -> rows.run(type, args, request.session));
        }
        if (EVENT_CALLS.contains(name)) {
            return transaction.commit(request).compose(v -> events.call(name, args, request.session));
        }
        return changes.find(name).map(change -> change(name, change, args, request)).orElseGet(() -> switch (name) {
            case "export_metadata" -> reads.exportMetadata(request);
            case "get_inconsistent_metadata" -> reads.inconsistentMetadata(request);
            case "reload_metadata" -> reads.reloadMetadata(request);
            case "track_tables", "untrack_tables" -> transaction.ensureLoaded(request)
                    .map(v -> new TrackTables(name.equals("track_tables"))
                            .run(args, (each, a) -> transaction.applyAndRecord(each, a, request, false)));
            case "drop_inconsistent_metadata" -> dropInconsistent(request);
            default -> throw unknown(type, path);
        });
    }

    /**
     * {@code bulk}: the calls in order, the first failure failing the request (nothing it changed in metadata is
     * saved). {@code bulk_keep_going} ({@code /v1/metadata}): a failed call answers its error in its place and
     * leaves no change behind, the others go ahead, as in Hasura.
     */
    private Future<JsonNode> bulk(JsonNode args, String argsPath, AdminRequest request, boolean keepGoing) {
        if (!args.isArray()) {
            throw MetadataApiException.parse("expected an array", argsPath);
        }
        ArrayNode results = json.createArrayNode();
        Future<Void> chain = Future.succeededFuture();
        for (int i = 0; i < args.size(); i++) {
            JsonNode item = args.get(i);
            String itemPath = argsPath + "[" + i + "]";
            chain = chain.compose(v -> {
                Future<JsonNode> one = run(item, itemPath, request);
                if (keepGoing) {
                    one = one.recover(e -> e instanceof MetadataApiException m
                            ? Future.succeededFuture(errorJson(m)) : Future.failedFuture(e));
                }
                return one.map(r -> {
                    results.add(r);
                    return null;
                });
            });
        }
        return chain.map(v -> results);
    }

    private JsonNode errorJson(MetadataApiException e) {
        ObjectNode out = json.createObjectNode().put("path", e.path()).put("error", e.getMessage()).put("code", e.code());
        if (e.internal() != null) {
            out.set("internal", e.internal());
        }
        return out;
    }

    /**
     * {@code bulk_atomic}: relationship changes applied together and checked once at the end, so that one may drop
     * and re-create, or add interdependent ones; Hasura allows no other calls in it.
     */
    private Future<JsonNode> bulkAtomic(JsonNode args, String argsPath, AdminRequest request) {
        if (!args.isArray()) {
            throw MetadataApiException.parse("expected an array", argsPath);
        }
        return transaction.ensureLoaded(request).map(v -> {
            List<ObjectNode> before = Inconsistencies.check(request.doc, request.catalog, request.functions);
            for (int i = 0; i < args.size(); i++) {
                JsonNode item = args.get(i);
                String name = item.path("type").asText().replaceFirst("^pg_", "");
                if (!ATOMIC_CALLS.contains(name)) {
                    throw new MetadataApiException("unexpected", "Bulk atomic does not support this command",
                            argsPath + "[" + i + "]", 500, null);
                }
                JsonNode itemArgs = item.path("args");
                String itemPath = argsPath + "[" + i + "].args";
                try {
                    transaction.applyAndRecord(changes.find(name).orElseThrow(), itemArgs, request, true);
                } catch (MetadataApiException e) {
                    throw relocate(e, itemPath);
                }
            }
            List<ObjectNode> added = Inconsistencies.added(before,
                    Inconsistencies.check(request.doc, request.catalog, request.functions));
            if (!added.isEmpty()) {
                ArrayNode details = json.createArrayNode();
                added.forEach(details::add);
                throw new MetadataApiException("bad-request", "Schema inconsistency", "$", 400, details);
            }
            return json.createObjectNode().put("message", "success");
        });
    }

    /**
     * {@code concurrent_bulk} ({@code /v2/query}): calls that leave the schema alone (Hasura refuses run_sql that
     * needs the metadata check); run here one after the other.
     */
    private Future<JsonNode> concurrentBulk(JsonNode args, String argsPath, AdminRequest request) {
        if (!args.isArray()) {
            throw MetadataApiException.parse("expected an array", argsPath);
        }
        for (JsonNode item : args) {
            JsonNode itemArgs = item.path("args");
            if ("run_sql".equals(item.path("type").asText())
                    && RunSqlMetadataCheck.wanted(itemArgs, itemArgs.path("sql").asText())) {
                throw new MetadataApiException("unexpected", "Only read-only queries are allowed in a concurrent_bulk",
                        "$", 500, null);
            }
        }
        return bulk(args, argsPath, request, false);
    }

    private static MetadataApiException unknown(String type, String path) {
        return MetadataApiException.parse("unknown metadata call " + Docs.quote(type), path);
    }

    private Future<JsonNode> change(String name, DocumentChange change, JsonNode args, AdminRequest request) {
        boolean allowInconsistent = "replace_metadata".equals(name) && args.path("allow_inconsistent_metadata").asBoolean(false);
        return transaction.ensureLoaded(request).map(v -> {
            transaction.applyAndRecord(change, args, request, allowInconsistent);
            if (allowInconsistent) {
                List<ObjectNode> now = Inconsistencies.check(request.doc, request.catalog, request.functions);
                if (!now.isEmpty()) {
                    ObjectNode report = Inconsistencies.report(now);
                    report.put("message", "success");
                    return report;
                }
            }
            return json.createObjectNode().put("message", "success");
        });
    }

    /** {@code drop_inconsistent_metadata}: removes every object the consistency check reports. */
    private Future<JsonNode> dropInconsistent(AdminRequest request) {
        DocumentChange drop = (doc, catalog, args) -> {
            for (int round = 0; round < 5; round++) {
                List<ObjectNode> found = Inconsistencies.check(doc, catalog, request.functions);
                if (found.isEmpty()) {
                    return;
                }
                found.forEach(o -> InconsistentObjects.remove(doc, o));
            }
        };
        return change("drop_inconsistent_metadata", drop, json.createObjectNode(), request);
    }
}
