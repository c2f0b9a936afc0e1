package io.threefactor.engine.runtime;

import io.threefactor.engine.metadata.Metadata;

/**
 * Fired (synchronously) while the engine applies a project, after the project's metadata is saved and before its
 * seeds run: observers put the metadata's database side in place first (event triggers), so seed rows behave as in
 * Hasura's {@code migrate apply}, {@code metadata apply}, {@code seed apply}.
 */
public record ProjectMetadataApplied(Metadata metadata) {
}
