package io.threefactor.functions.publish;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.UUID;

/** The public landing page of a program ({@code published_program.landing}); readable by anonymous users. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LandingDocument(
        String schema,
        UUID programId,
        String slug,
        int version,
        String title,
        String descriptionHtml,
        CoachSummary coach,
        PublishedImage cover,
        int sessionCount,
        int exerciseCount,
        List<SessionSummary> sessions) {

    public static final String SCHEMA = "threefactor.landing/1";

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CoachSummary(UUID id, String displayName) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SessionSummary(int position, String title, int exerciseCount) {
    }
}
