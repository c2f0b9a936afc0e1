package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.catalog.CatalogReader;
import io.threefactor.engine.config.DatabaseProducer;
import io.threefactor.engine.config.ListeningConnections;
import io.threefactor.engine.events.EventTriggerService;
import io.threefactor.engine.metadata.MetadataParser;
import io.threefactor.engine.runtime.MetadataStore;
import io.threefactor.engine.runtime.EngineSnapshot;
import io.threefactor.engine.session.Session;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import io.threefactor.engine.error.MetadataApiException;
import io.threefactor.engine.runtime.Snapshots;
import io.vertx.sqlclient.Pool;

/**
 * Hasura's metadata API ({@code /v1/metadata}, legacy {@code /v1/query}, {@code /v2/query}). A request — one call or
 * a {@code bulk} — edits a working copy of the stored document; each change is checked against the database and
 * refused if it adds an inconsistency; at the end the document is saved with the resource version it was read at
 * (re-applied on a fresh copy if another writer got there first), the engine reloads, and event triggers follow.
 * Requests run one at a time per instance. Other instances reload on the {@code threefactor_metadata} NOTIFY.
 */
@Singleton
public class MetadataService {

    private static final Logger LOG = Logger.getLogger(MetadataService.class);
    private static final int SAVE_ATTEMPTS = 30;

    /** Which endpoint a request came through: they accept different calls. */
    public enum Endpoint { METADATA, QUERY_V1, QUERY_V2 }

    @Inject
    Snapshots snapshots;

    @Inject
    Pool pool;

    @Inject
    MetadataStore metadataStore;

    @Inject
    ObjectMapper json;

    @Inject
    Vertx vertx;

    @Inject
    DatabaseProducer database;

    @Inject
    EventTriggerService events;

    private final Map<String, DocumentChange> changes = new LinkedHashMap<>();
    @Inject
    RowApi rows;
    private Future<Void> tail = Future.succeededFuture();
    private PgSubscriber subscriber;

    public MetadataService() {
        changes.put("track_table", new TrackTable());
        changes.put("add_existing_table_or_view", new TrackTable());
        changes.put("untrack_table", new UntrackTable());
        changes.put("create_object_relationship", new CreateRelationship(true));
        changes.put("create_array_relationship", new CreateRelationship(false));
        changes.put("drop_relationship", new DropRelationship());
        changes.put("rename_relationship", new RenameRelationship(false));
        changes.put("set_relationship_comment", new RenameRelationship(true));
        changes.put("set_table_customization", new SetTableCustomization(SetTableCustomization.Kind.CUSTOMIZATION));
        changes.put("set_table_custom_fields", new SetTableCustomization(SetTableCustomization.Kind.CUSTOM_FIELDS));
        changes.put("set_table_is_enum", new SetTableCustomization(SetTableCustomization.Kind.IS_ENUM));
        for (String kind : List.of("select", "insert", "update", "delete")) {
            changes.put("create_" + kind + "_permission", new CreatePermission(kind));
            changes.put("drop_" + kind + "_permission", new DropPermission(kind));
        }
        changes.put("track_function", new TrackFunction(TrackFunction.Kind.TRACK));
        changes.put("untrack_function", new TrackFunction(TrackFunction.Kind.UNTRACK));
        changes.put("set_function_customization", new TrackFunction(TrackFunction.Kind.CUSTOMIZE));
        changes.put("add_computed_field", new ComputedField(true));
        changes.put("drop_computed_field", new ComputedField(false));
        changes.put("add_inherited_role", new InheritedRole(true));
        changes.put("drop_inherited_role", new InheritedRole(false));
        changes.put("create_event_trigger", new EventTriggerEntry(true));
        changes.put("delete_event_trigger", new EventTriggerEntry(false));
        changes.put("replace_metadata", new ReplaceMetadata(false));
        changes.put("clear_metadata", new ReplaceMetadata(true));
    }

    // ---------------------------------------------------------------- other instances' changes

    /** LISTEN for other instances' metadata saves (after the engine and the event triggers started). */
    void onStart(@Observes @Priority(3100) StartupEvent event) {
        subscriber = PgSubscriber.subscriber(vertx, database.connectOptions("threefactor-metadata-listener"))
                .reconnectPolicy(retries -> 500L);
        subscriber.channel(MetadataStore.CHANGE_CHANNEL)
                .subscribeHandler(v -> ListeningConnections.reportErrorsTo(subscriber, LOG, "metadata listener"))
                .handler(this::onNotify);
        Promise<Void> connected = Promise.promise();
        // a reconnect calls the handler again: only the first outcome counts
        subscriber.connect(ar -> {
            if (ar.succeeded()) {
                connected.tryComplete();
            } else {
                connected.tryFail(ar.cause());
            }
        });
        try {
            connected.future().toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("could not LISTEN for metadata changes; other instances' changes need a restart", e);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close();
        }
    }

    private void onNotify(String payload) {
        long version;
        try {
            version = Long.parseLong(payload.trim());
        } catch (NumberFormatException e) {
            version = Long.MAX_VALUE;
        }
        long known = snapshots.current() == null ? -1 : snapshots.current().metadata().resourceVersion();
        if (version <= known) {
            return;
        }
        serialize(() -> reloadEngine().compose(s -> events.sync(s.metadata(), false)).map(v -> (JsonNode) null))
                .onFailure(e -> LOG.warn("reload after a metadata change notification failed", e));
    }

    /** Reloads metadata and catalog (another instance changed them) and updates delivery; for tests and tools. */
    public Future<EngineSnapshot> reloadFromStore() {
        return serialize(() -> reloadEngine().compose(s -> events.sync(s.metadata(), false).map(s)));
    }

    // ---------------------------------------------------------------- requests

    public Future<JsonNode> execute(JsonNode body, Session session, Endpoint endpoint) {
        if (endpoint != Endpoint.METADATA && RowApi.CALLS.contains(body.path("type").asText())) {
            // a lone row API call changes no metadata: it need not wait for metadata requests
            return run(body, "$", new Batch(session, endpoint, 1));
        }
        return serialize(() -> {
            Batch batch = new Batch(session, endpoint, body.path("version").asInt(1));
            return run(body, "$", batch).compose(result -> commit(batch).map(result));
        });
    }

    private synchronized <T> Future<T> serialize(Supplier<Future<T>> task) {
        Promise<T> done = Promise.promise();
        tail = tail.transform(x -> {
            Future<T> f;
            try {
                f = task.get();
            } catch (RuntimeException e) {
                f = Future.failedFuture(e);
            }
            f.onComplete(done);
            return f.transform(y -> Future.<Void>succeededFuture());
        });
        return done.future();
    }

    private Future<JsonNode> run(JsonNode query, String path, Batch batch) {
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
        if (args.isObject() && args.hasNonNull("source") && !MetadataParser.DEFAULT_SOURCE.equals(args.get("source").asText())) {
            return Future.failedFuture(MetadataApiException.notExists("source with name "
                    + Docs.quote(args.get("source").asText()) + " does not exist").at(argsPath));
        }
        if (batch.endpoint == Endpoint.QUERY_V2 && !name.equals("run_sql") && !name.equals("bulk")
                && !RowApi.CALLS.contains(name)) {
            return Future.failedFuture(unknown(type, path));
        }
        boolean rowCall = batch.endpoint != Endpoint.METADATA && RowApi.CALLS.contains(type);
        if (!batch.session.isAdmin() && !rowCall && !"bulk".equals(type)) {
            // other roles may use the row API (their permissions apply), nothing else
            return Future.failedFuture(new MetadataApiException("access-denied", "restricted access : admin only", path));
        }
        try {
            return dispatch(type, name, args, path, argsPath, batch)
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
                                      Batch batch) {
        if ("bulk".equals(name)) {
            if (!args.isArray()) {
                throw MetadataApiException.parse("expected an array", argsPath);
            }
            ArrayNode results = json.createArrayNode();
            Future<Void> chain = Future.succeededFuture();
            for (int i = 0; i < args.size(); i++) {
                JsonNode item = args.get(i);
                String itemPath = argsPath + "[" + i + "]";
                chain = chain.compose(v -> run(item, itemPath, batch).map(r -> {
                    results.add(r);
                    return null;
                }));
            }
            return chain.map(v -> results);
        }
        if ("run_sql".equals(name)) {
            if (batch.endpoint == Endpoint.METADATA) {
                throw unknown(type, path);
            }
            return runSql(args, batch);
        }
        if (RowApi.CALLS.contains(type) && batch.endpoint != Endpoint.METADATA) {
            // earlier calls of a bulk (tracking a table, say) take effect first
            return commit(batch).compose(v -> rows.run(type, args, batch.session));
        }
        DocumentChange change = changes.get(name);
        if (change != null) {
            return change(name, change, args, argsPath, batch);
        }
        return switch (name) {
            case "export_metadata" -> exportMetadata(batch);
            case "get_inconsistent_metadata" -> currentDocument(batch)
                    .compose(doc -> inconsistencies(doc, batch))
                    .map(list -> (JsonNode) Inconsistencies.report(list));
            case "reload_metadata" -> reloadMetadata(batch);
            case "track_tables", "untrack_tables" -> ensureLoaded(batch).map(v -> new TrackTables(name.equals("track_tables"))
                    .run(args, (each, a) -> applyAndRecord(each, a, batch, false)));
            case "drop_inconsistent_metadata" -> dropInconsistent(argsPath, batch);
            case "redeliver_event", "invoke_event_trigger", "get_event_logs", "get_event_invocation_logs",
                 "get_event_by_id", "delete_event_logs" -> commit(batch).compose(v -> events.call(name, args, batch.session));
            default -> throw unknown(type, path);
        };
    }

    private static MetadataApiException unknown(String type, String path) {
        return MetadataApiException.parse("unknown metadata call " + Docs.quote(type), path);
    }

    // ---------------------------------------------------------------- document changes

    private Future<JsonNode> change(String name, DocumentChange change, JsonNode args, String path, Batch batch) {
        boolean allowInconsistent = "replace_metadata".equals(name) && args.path("allow_inconsistent").asBoolean(false);
        return ensureLoaded(batch).map(v -> {
            applyAndRecord(change, args, batch, allowInconsistent);
            if (allowInconsistent) {
                List<ObjectNode> now = Inconsistencies.check(batch.doc, batch.catalog, batch.functions);
                if (!now.isEmpty()) {
                    ObjectNode report = Inconsistencies.report(now);
                    report.put("message", "success");
                    return report;
                }
            }
            return success();
        });
    }

    /** Applies a change to the request's document (checked) and records it for the save. */
    private void applyAndRecord(DocumentChange change, JsonNode args, Batch batch, boolean allowInconsistent) {
        applyChecked(change, args, batch, allowInconsistent);
        batch.steps.add(new Step(change, args, allowInconsistent));
    }

    private void applyChecked(DocumentChange change, JsonNode args, Batch batch, boolean allowInconsistent) {
        if (!args.isObject()) {
            throw MetadataApiException.parse("expected an object", "$.args");
        }
        List<ObjectNode> before = Inconsistencies.check(batch.doc, batch.catalog, batch.functions);
        ObjectNode copy = batch.doc.deepCopy();
        change.apply(copy, batch.catalog, args);
        if (!allowInconsistent) {
            List<ObjectNode> added = Inconsistencies.added(before,
                    Inconsistencies.check(copy, batch.catalog, batch.functions));
            if (!added.isEmpty()) {
                ArrayNode internal = json.createArrayNode();
                added.forEach(internal::add);
                throw new MetadataApiException("invalid-configuration", added.get(0).path("reason").asText(),
                        "$.args", 400, internal);
            }
        }
        batch.doc = copy;
    }

    /** Saves the batch's document (retrying on a concurrent write), reloads, and brings event triggers in step. */
    private Future<Void> commit(Batch batch) {
        if (batch.steps.isEmpty()) {
            if (!batch.catalogChanged) {
                return Future.succeededFuture();
            }
            batch.catalogChanged = false;
            return reloadEngine().mapEmpty();
        }
        List<Step> steps = List.copyOf(batch.steps);
        batch.steps.clear();
        batch.catalogChanged = false;
        return save(batch, steps, 1)
                .compose(v -> reloadEngine())
                .compose(s -> events.sync(s.metadata(), true))
                .onSuccess(v -> batch.doc = null);
    }

    private Future<Void> save(Batch batch, List<Step> steps, int attempt) {
        return metadataStore.save(batch.doc, batch.version).<Void>mapEmpty().recover(e -> {
            if (!(e instanceof MetadataStore.MetadataConflictException)) {
                return Future.failedFuture(e);
            }
            if (attempt >= SAVE_ATTEMPTS) {
                return Future.failedFuture(new MetadataApiException("conflict", "metadata resource version referenced ("
                        + batch.version + ") did not match current version", "$", 409, null));
            }
            LOG.infof("metadata changed concurrently; re-applying %d change(s) (attempt %d)", steps.size(), attempt + 1);
            batch.doc = null;
            Promise<Void> pause = Promise.promise();
            vertx.setTimer(java.util.concurrent.ThreadLocalRandom.current().nextLong(2, 20L * attempt), t -> pause.complete());
            return pause.future().compose(x -> ensureLoaded(batch)).compose(v -> {
                for (Step s : steps) {
                    applyChecked(s.change, s.args, batch, s.allowInconsistent);
                }
                return save(batch, steps, attempt + 1);
            });
        });
    }

    private Future<Void> ensureLoaded(Batch batch) {
        if (batch.doc != null) {
            return Future.succeededFuture();
        }
        return metadataStore.load().compose(stored -> {
            batch.doc = stored.document();
            batch.version = stored.resourceVersion();
            return databaseState(batch);
        });
    }

    private Future<Void> databaseState(Batch batch) {
        Future<Catalog> catalog = batch.catalog != null && !batch.catalogChanged
                ? Future.succeededFuture(batch.catalog)
                : batch.catalogChanged || snapshots.current() == null ? new CatalogReader(json).read(pool)
                : Future.succeededFuture(snapshots.current().catalog());
        return catalog.compose(c -> {
            batch.catalog = c;
            return functions();
        }).map(f -> {
            batch.functions = f;
            return null;
        });
    }

    private Future<Set<String>> functions() {
        return pool.query(RunSqlMetadataCheck.FUNCTIONS_SQL).execute().map(rows -> {
            Set<String> out = new HashSet<>();
            rows.forEach(r -> out.add(r.getString(0)));
            return out;
        });
    }

    private Future<EngineSnapshot> reloadEngine() {
        return snapshots.reload();
    }

    // ---------------------------------------------------------------- reads and reloads

    private Future<ObjectNode> currentDocument(Batch batch) {
        if (batch.doc != null && !batch.steps.isEmpty()) {
            return Future.succeededFuture(batch.doc);
        }
        batch.doc = null;
        return ensureLoaded(batch).map(v -> batch.doc);
    }

    private Future<List<ObjectNode>> inconsistencies(ObjectNode doc, Batch batch) {
        List<ObjectNode> out = new ArrayList<>(Inconsistencies.check(doc, batch.catalog, batch.functions));
        out.addAll(events.inconsistencies());
        return Future.succeededFuture(out);
    }

    private Future<JsonNode> exportMetadata(Batch batch) {
        return metadataStore.load().compose(stored -> {
            ObjectNode doc = batch.doc != null && !batch.steps.isEmpty() ? batch.doc : stored.document();
            if (batch.version2) {
                ObjectNode out = json.createObjectNode();
                out.put("resource_version", stored.resourceVersion());
                out.set("metadata", doc);
                return Future.succeededFuture(out);
            }
            return Future.succeededFuture(doc);
        });
    }

    private Future<JsonNode> reloadMetadata(Batch batch) {
        return commit(batch).compose(v -> reloadEngine())
                .compose(s -> events.sync(s.metadata(), true).map(s))
                .compose(s -> {
                    batch.doc = null;
                    batch.catalogChanged = false;
                    return ensureLoaded(batch);
                })
                .compose(v -> inconsistencies(batch.doc, batch))
                .map(list -> {
                    ObjectNode out = json.createObjectNode();
                    out.put("message", "success");
                    out.put("is_consistent", list.isEmpty());
                    if (!list.isEmpty()) {
                        ArrayNode objects = out.putArray("inconsistent_objects");
                        list.forEach(objects::add);
                    }
                    return out;
                });
    }

    /** {@code drop_inconsistent_metadata}: removes every object the consistency check reports. */
    private Future<JsonNode> dropInconsistent(String path, Batch batch) {
        DocumentChange drop = (doc, catalog, args) -> {
            for (int round = 0; round < 5; round++) {
                List<ObjectNode> found = Inconsistencies.check(doc, catalog, batch.functions);
                if (found.isEmpty()) {
                    return;
                }
                found.forEach(o -> InconsistentObjects.remove(doc, o));
            }
        };
        return change("drop_inconsistent_metadata", drop, json.createObjectNode(), path, batch);
    }

    // ---------------------------------------------------------------- run_sql

    /**
     * {@code run_sql}: with the metadata check (see {@link RunSqlMetadataCheck}) the SQL runs against the working
     * document; what it dropped is removed from the document as a change of this request, saved at its end.
     */
    private Future<JsonNode> runSql(JsonNode args, Batch batch) {
        String sql = RunSql.sqlArg(args);
        boolean readOnly = args.path("read_only").asBoolean(false);
        RunSql runner = new RunSql(database.connectOptions("threefactor-run-sql"));
        if (!RunSqlMetadataCheck.wanted(args, sql)) {
            return vertx.<JsonNode>executeBlocking(() -> runner.run(sql, readOnly, RunSql.Watch.NONE), false)
                    .compose(result -> {
                        if (readOnly) {
                            return Future.succeededFuture(result);
                        }
                        batch.catalogChanged = true;
                        // later calls of the same bulk see the new tables; the engine reloads at the end
                        return batch.doc != null ? databaseState(batch).map(result) : Future.succeededFuture(result);
                    });
        }
        return ensureLoaded(batch).compose(v -> {
            RunSqlMetadataCheck check = new RunSqlMetadataCheck(json, batch.doc,
                    Inconsistencies.check(batch.doc, batch.catalog, batch.functions), args.path("cascade").asBoolean(false));
            return vertx.<JsonNode>executeBlocking(() -> runner.run(sql, false, check), false).map(result -> {
                RunSqlMetadataCheck.Outcome outcome = check.outcome();
                batch.catalog = outcome.catalog();
                batch.functions = outcome.functions();
                batch.catalogChanged = true;
                if (outcome.update() != null) {
                    applyAndRecord(outcome.update(), json.createObjectNode(), batch, false);
                }
                return result;
            });
        });
    }

    private JsonNode success() {
        return json.createObjectNode().put("message", "success");
    }

    private record Step(DocumentChange change, JsonNode args, boolean allowInconsistent) { }

    /** The state of one request: the working document, the database as last read, the changes to save. */
    private static final class Batch {
        final Session session;
        final Endpoint endpoint;
        final boolean version2;
        ObjectNode doc;
        long version;
        Catalog catalog;
        Set<String> functions = Set.of();
        boolean catalogChanged;
        final List<Step> steps = new ArrayList<>();

        Batch(Session session, Endpoint endpoint, int version) {
            this.session = session;
            this.endpoint = endpoint;
            this.version2 = version >= 2;
        }
    }
}
