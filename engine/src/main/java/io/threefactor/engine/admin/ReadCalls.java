package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.events.EventTriggerService;
import io.threefactor.engine.runtime.MetadataStore;
import io.vertx.core.Future;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/** The calls that read metadata or reload it: {@code export_metadata}, {@code get_inconsistent_metadata}, {@code reload_metadata}. */
@Singleton
class ReadCalls {

    private final MetadataStore store;
    private final MetadataTransaction transaction;
    private final EventTriggerService events;
    private final ObjectMapper json;

    @Inject
    ReadCalls(MetadataStore store, MetadataTransaction transaction, EventTriggerService events, ObjectMapper json) {
        this.store = store;
        this.transaction = transaction;
        this.events = events;
        this.json = json;
    }

    Future<JsonNode> exportMetadata(AdminRequest request) {
        return store.load().map(stored -> {
            ObjectNode doc = request.hasUnsavedChanges() ? request.doc : stored.document();
            if (!request.version2) {
                return doc;
            }
            ObjectNode out = json.createObjectNode();
            out.put("resource_version", stored.resourceVersion());
            out.set("metadata", doc);
            return out;
        });
    }

    Future<JsonNode> inconsistentMetadata(AdminRequest request) {
        return transaction.currentDocument(request).map(doc -> Inconsistencies.report(inconsistencies(doc, request)));
    }

    Future<JsonNode> reloadMetadata(AdminRequest request) {
        return transaction.commit(request)
                .compose(v -> transaction.reloadAll(true))
                .compose(s -> {
                    request.doc = null;
                    request.catalogChanged = false;
                    return transaction.ensureLoaded(request);
                })
                .map(v -> {
                    List<ObjectNode> list = inconsistencies(request.doc, request);
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

    private List<ObjectNode> inconsistencies(ObjectNode doc, AdminRequest request) {
        List<ObjectNode> out = new ArrayList<>(Inconsistencies.check(doc, request.catalog, request.functions));
        out.addAll(events.inconsistencies());
        return out;
    }
}
