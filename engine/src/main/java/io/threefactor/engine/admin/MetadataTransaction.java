package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.catalog.CatalogReader;
import io.threefactor.engine.error.MetadataApiException;
import io.threefactor.engine.events.EventTriggerService;
import io.threefactor.engine.runtime.EngineSnapshot;
import io.threefactor.engine.runtime.MetadataStore;
import io.threefactor.engine.runtime.Snapshots;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The change side of an {@link AdminRequest}: loads the stored document and the database state, applies each change
 * to the working copy and refuses one that adds an inconsistency, and at the end saves the document at the resource
 * version it was read at — re-applying the changes on a fresh copy when another writer got there first — then
 * reloads the engine and brings event triggers in step.
 */
@Singleton
class MetadataTransaction {

    private static final Logger LOG = Logger.getLogger(MetadataTransaction.class);
    private static final int SAVE_ATTEMPTS = 30;

    private final Snapshots snapshots;
    private final MetadataStore store;
    private final Pool pool;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final EventTriggerService events;

    @Inject
    MetadataTransaction(Snapshots snapshots, MetadataStore store, Pool pool, ObjectMapper json, Vertx vertx,
                        EventTriggerService events) {
        this.snapshots = snapshots;
        this.store = store;
        this.pool = pool;
        this.json = json;
        this.vertx = vertx;
        this.events = events;
    }

    /** Applies a change to the request's document (checked) and records it for the save. */
    void applyAndRecord(DocumentChange change, JsonNode given, AdminRequest request, boolean allowInconsistent) {
        JsonNode args = change.arguments(given);
        applyChecked(change, args, request, allowInconsistent);
        request.steps.add(new AdminRequest.Step(change, args, allowInconsistent));
    }

    private void applyChecked(DocumentChange change, JsonNode args, AdminRequest request, boolean allowInconsistent) {
        if (!args.isObject()) {
            throw MetadataApiException.parse("expected an object", "$.args");
        }
        List<ObjectNode> before = Inconsistencies.check(request.doc, request.catalog, request.functions);
        ObjectNode copy = request.doc.deepCopy();
        change.apply(copy, request.catalog, args);
        if (!allowInconsistent) {
            List<ObjectNode> added = Inconsistencies.added(before,
                    Inconsistencies.check(copy, request.catalog, request.functions));
            if (!added.isEmpty()) {
                ArrayNode internal = json.createArrayNode();
                added.forEach(internal::add);
                throw new MetadataApiException("invalid-configuration", added.get(0).path("reason").asText(),
                        "$.args", 400, internal);
            }
        }
        request.doc = copy;
    }

    /** Saves the request's document (retrying on a concurrent write), reloads, and brings event triggers in step. */
    Future<Void> commit(AdminRequest request) {
        if (request.steps.isEmpty()) {
            if (!request.catalogChanged) {
                return Future.succeededFuture();
            }
            request.catalogChanged = false;
            return snapshots.reload().mapEmpty();
        }
        List<AdminRequest.Step> steps = List.copyOf(request.steps);
        request.steps.clear();
        request.catalogChanged = false;
        return save(request, steps, 1)
                .compose(v -> snapshots.reload())
                .compose(s -> events.sync(s.metadata(), true))
                .onSuccess(v -> request.doc = null);
    }

    /** Reloads the engine from the store and event triggers with it, after the database changed under it. */
    Future<EngineSnapshot> reloadAll(boolean recordInconsistencies) {
        return snapshots.reload().compose(s -> events.sync(s.metadata(), recordInconsistencies).map(s));
    }

    private Future<Void> save(AdminRequest request, List<AdminRequest.Step> steps, int attempt) {
        return store.save(request.doc, request.version).<Void>mapEmpty().recover(e -> {
            if (!(e instanceof MetadataStore.MetadataConflictException)) {
                return Future.failedFuture(e);
            }
            if (attempt >= SAVE_ATTEMPTS) {
                return Future.failedFuture(new MetadataApiException("conflict", "metadata resource version referenced ("
                        + request.version + ") did not match current version", "$", 409, null));
            }
            LOG.infof("metadata changed concurrently; re-applying %d change(s) (attempt %d)", steps.size(), attempt + 1);
            request.doc = null;
            Promise<Void> pause = Promise.promise();
            vertx.setTimer(ThreadLocalRandom.current().nextLong(2, 20L * attempt), t -> pause.complete());
            return pause.future().compose(x -> ensureLoaded(request)).compose(v -> {
                for (AdminRequest.Step s : steps) {
                    applyChecked(s.change(), s.args(), request, s.allowInconsistent());
                }
                return save(request, steps, attempt + 1);
            });
        });
    }

    /** Reads the stored document and the database state into the request, unless it has them already. */
    Future<Void> ensureLoaded(AdminRequest request) {
        if (request.doc != null) {
            return Future.succeededFuture();
        }
        return store.load().compose(stored -> {
            request.doc = stored.document();
            request.version = stored.resourceVersion();
            return refreshDatabaseState(request);
        });
    }

    /** The document as this request sees it: its unsaved changes, or the stored one. */
    Future<ObjectNode> currentDocument(AdminRequest request) {
        if (request.hasUnsavedChanges()) {
            return Future.succeededFuture(request.doc);
        }
        request.doc = null;
        return ensureLoaded(request).map(v -> request.doc);
    }

    /** Reads the catalog again if the request changed the database, and the functions the SQL may call. */
    Future<Void> refreshDatabaseState(AdminRequest request) {
        EngineSnapshot current = snapshots.current();
        Future<Catalog> catalog = request.catalog != null && !request.catalogChanged
                ? Future.succeededFuture(request.catalog)
                : request.catalogChanged || current == null ? new CatalogReader(json).read(pool)
                : Future.succeededFuture(current.catalog());
        return catalog.compose(c -> {
            request.catalog = c;
            return functions();
        }).map(f -> {
            request.functions = f;
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
}
