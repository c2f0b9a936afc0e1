package io.threefactor.triggers.delivery;

import io.threefactor.triggers.target.AttemptResult;

/** What one attempt means for its event: delivered, retry after a delay, or errored (no retries left). */
public record Outcome(ClaimedEvent event, AttemptResult attempt, State state, long retryDelayMs) {
    public enum State {
        DELIVERED, RETRY, ERRORED
    }
}
