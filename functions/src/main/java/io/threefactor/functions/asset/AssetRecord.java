package io.threefactor.functions.asset;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.UUID;

/** The current state of an {@code asset} row. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AssetRecord(UUID id, String storageKey, String contentType, String status) {

    public static final String PROCESSING = "processing";
    public static final String READY = "ready";
    public static final String REJECTED = "rejected";

    /** Ready or rejected: a redelivered event has nothing left to do. */
    public boolean isSettled() {
        return READY.equals(status) || REJECTED.equals(status);
    }
}
