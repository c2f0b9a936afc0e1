package io.threefactor.functions.publish;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.UUID;

/**
 * A program as loaded for publishing (the shape of the {@code program_by_pk} query, relationship
 * names as in the metadata: coach, cover_asset, sessions, exercises, image_asset). Text is untrusted.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProgramSource(
        UUID id,
        String title,
        String description,
        Coach coach,
        AssetRef coverAsset,
        List<Session> sessions) {

    public ProgramSource {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Coach(UUID id, String displayName) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Session(UUID id, int position, String title, String description, List<Exercise> exercises) {

        public Session {
            exercises = exercises == null ? List.of() : List.copyOf(exercises);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Exercise(
            UUID id,
            int position,
            String name,
            String instructions,
            AssetRef imageAsset,
            Integer sets,
            Integer reps,
            Integer durationSeconds,
            Integer restSeconds) {
    }
}
