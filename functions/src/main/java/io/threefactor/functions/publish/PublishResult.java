package io.threefactor.functions.publish;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.UUID;

/** What {@code publish_program.result} holds once published. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PublishResult(
        UUID publishedProgramId,
        int version,
        String slug,
        String landingUrl,
        String appDocumentUrl,
        String coverUrl,
        int imageCount) {
}
