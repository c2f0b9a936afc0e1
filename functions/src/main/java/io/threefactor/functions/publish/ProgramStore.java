package io.threefactor.functions.publish;

import java.util.Optional;
import java.util.UUID;

/**
 * What the publish-program workflow needs from the engine. Implemented over the engine's
 * GraphQL endpoint ({@code engine.GraphQLProgramStore}); failures are {@code RetryableException}s.
 */
public interface ProgramStore {

    Optional<PublishIntent> intent(UUID intentId);

    /** @return false if the intent row no longer exists */
    boolean updateIntent(UUID intentId, IntentUpdate update);

    Optional<ProgramSource> program(UUID programId);

    /** The version this intent published already (a retry), else the program's latest version + 1. */
    int versionFor(UUID programId, UUID intentId);

    /** Inserts the publication, or updates the one this intent wrote on an earlier attempt. */
    UUID savePublication(Publication publication);
}
