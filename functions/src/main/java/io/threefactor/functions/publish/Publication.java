package io.threefactor.functions.publish;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/** A {@code published_program} row to upsert (keyed by the intent that produced it). */
public record Publication(UUID programId, UUID publishProgramId, String slug, int version, JsonNode landing,
        JsonNode appDocument) {
}
