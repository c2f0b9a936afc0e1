package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.error.MetadataApiException;

/**
 * One kind of metadata change: edits the working copy of the document in place, or throws a
 * {@link MetadataApiException}. The caller then rejects the change if it made the metadata inconsistent, saves the
 * document with its resource version and reloads.
 */
@FunctionalInterface
public interface DocumentChange {

    void apply(ObjectNode doc, Catalog catalog, JsonNode args);

    /** The call's arguments in the object form {@link #apply} reads; calls that also take a bare value rewrite it. */
    default JsonNode arguments(JsonNode args) {
        return args;
    }
}
