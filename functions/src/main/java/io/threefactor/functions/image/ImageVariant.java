package io.threefactor.functions.image;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A stored rendition, as recorded in {@code asset.variants} and in the published documents. */
public record ImageVariant(
        int width,
        int height,
        @JsonProperty("content_type") String contentType,
        String key,
        String url,
        @JsonProperty("size_bytes") long sizeBytes) {
}
