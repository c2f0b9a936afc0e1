package io.threefactor.functions.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.UUID;

/** The current state of a {@code publish_program} row. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PublishIntent(UUID id, UUID programId, String status, JsonNode result) {

    public static final String PENDING = "pending";
    public static final String PROCESSING = "processing";
    public static final String PUBLISHED = "published";
    public static final String FAILED = "failed";

    public boolean isPublished() {
        return PUBLISHED.equals(status);
    }
}
