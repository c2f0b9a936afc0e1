package io.threefactor.functions.publish;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.UUID;

/** An image a program uses: the original upload's key in the uploads bucket. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AssetRef(UUID id, String storageKey, String contentType) {
}
