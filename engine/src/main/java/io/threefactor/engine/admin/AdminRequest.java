package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.session.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The state of one admin request (one call or a {@code bulk}): the working copy of the metadata document, the
 * database as last read, and the changes made so far, which {@link MetadataTransaction#commit} saves.
 */
final class AdminRequest {

    /** One applied change, kept so that it can be applied again on a fresh copy after a concurrent save. */
    record Step(DocumentChange change, JsonNode args, boolean allowInconsistent) { }

    final Session session;
    final Endpoint endpoint;
    final boolean version2;
    ObjectNode doc;
    long version;
    Catalog catalog;
    Set<String> functions = Set.of();
    boolean catalogChanged;
    final List<Step> steps = new ArrayList<>();

    AdminRequest(Session session, Endpoint endpoint, int version) {
        this.session = session;
        this.endpoint = endpoint;
        this.version2 = version >= 2;
    }

    /** Whether a change was applied that is not saved yet. */
    boolean hasUnsavedChanges() {
        return doc != null && !steps.isEmpty();
    }
}
