package io.threefactor.functions.publish;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.UUID;

/** The whole program as the client app shows it ({@code published_program.app_document}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AppDocument(
        String schema,
        UUID programId,
        String slug,
        int version,
        String title,
        String descriptionHtml,
        LandingDocument.CoachSummary coach,
        PublishedImage cover,
        List<Session> sessions) {

    public static final String SCHEMA = "threefactor.program/1";

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Session(UUID id, int position, String title, String descriptionHtml, List<Exercise> exercises) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Exercise(
            UUID id,
            int position,
            String name,
            String instructionsHtml,
            PublishedImage image,
            Integer sets,
            Integer reps,
            Integer durationSeconds,
            Integer restSeconds) {
    }
}
