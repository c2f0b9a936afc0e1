package io.threefactor.triggers.api;

/** How many rows a cleanup deleted, and in how many batches. */
public record CleanupResult(long deletedEvents, long deletedInvocationLogs, int batches) {
    CleanupResult plus(long events, long invocations) {
        return new CleanupResult(deletedEvents + events, deletedInvocationLogs + invocations, batches + 1);
    }
}
