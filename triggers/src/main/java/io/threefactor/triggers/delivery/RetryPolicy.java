package io.threefactor.triggers.delivery;

import io.threefactor.triggers.definition.RetryConf;
import io.threefactor.triggers.target.AttemptResult;

import java.time.Duration;

/**
 * Hasura's retry rule: an event gets {@code 1 + num_retries} attempts, spaced by {@code interval_sec} or by the
 * response's {@code Retry-After}. Unlike Hasura, a {@code Retry-After} does not extend the number of attempts (an
 * endpoint that always sends it would otherwise be retried forever).
 */
public final class RetryPolicy {
    private RetryPolicy() {
    }

    public static Outcome decide(ClaimedEvent event, RetryConf conf, AttemptResult attempt) {
        if (attempt.success()) {
            return new Outcome(event, attempt, Outcome.State.DELIVERED, 0);
        }
        int attemptsMade = event.tries() + 1;
        if (attemptsMade > conf.numRetries()) {
            return new Outcome(event, attempt, Outcome.State.ERRORED, 0);
        }
        Duration delay = attempt.retryAfter() != null ? attempt.retryAfter() : Duration.ofSeconds(conf.intervalSec());
        return new Outcome(event, attempt, Outcome.State.RETRY, delay.toMillis());
    }
}
