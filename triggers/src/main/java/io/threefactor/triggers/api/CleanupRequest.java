package io.threefactor.triggers.api;

import java.time.Duration;
import java.util.List;

/**
 * Which events to delete: delivered ones (and errored ones only if {@code includeErrored}) created more than
 * {@code olderThan} ago, of the named triggers (all if empty), {@code batchSize} rows per transaction. With
 * {@code cleanInvocationLogs}, their invocation logs go too.
 */
public record CleanupRequest(Duration olderThan, int batchSize, boolean includeErrored, boolean cleanInvocationLogs,
        List<String> triggerNames) {
    public CleanupRequest {
        if (olderThan.isNegative() || batchSize <= 0) {
            throw new IllegalArgumentException("cleanup needs olderThan >= 0 and batchSize > 0");
        }
        triggerNames = triggerNames == null ? List.of() : List.copyOf(triggerNames);
    }

    public static CleanupRequest deliveredOlderThan(Duration age) {
        return new CleanupRequest(age, 10_000, false, true, List.of());
    }
}
