package io.threefactor.triggers.delivery;

import io.threefactor.triggers.definition.RetryConf;
import io.threefactor.triggers.target.AttemptResult;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Hasura's retry rule: 1 + num_retries attempts, interval_sec apart unless the response says Retry-After. */
class RetryPolicyTest {
    private static final RetryConf THREE_RETRIES = new RetryConf(3, 10, 60);

    @Test
    void a_2xx_answer_delivers_the_event() {
        Outcome o = RetryPolicy.decide(event(0), THREE_RETRIES, attempt(true, null));
        assertEquals(Outcome.State.DELIVERED, o.state());
    }

    @Test
    void a_failure_with_retries_left_is_retried_after_the_interval() {
        Outcome o = RetryPolicy.decide(event(2), THREE_RETRIES, attempt(false, null));
        assertEquals(Outcome.State.RETRY, o.state());
        assertEquals(10_000, o.retryDelayMs());
    }

    @Test
    void retry_after_replaces_the_interval() {
        Outcome o = RetryPolicy.decide(event(0), THREE_RETRIES, attempt(false, Duration.ofSeconds(3)));
        assertEquals(3_000, o.retryDelayMs());
    }

    @Test
    void the_last_attempt_errors_the_event_even_with_retry_after() {
        assertEquals(Outcome.State.ERRORED,
                RetryPolicy.decide(event(3), THREE_RETRIES, attempt(false, Duration.ofSeconds(1))).state());
        assertEquals(Outcome.State.ERRORED,
                RetryPolicy.decide(event(0), new RetryConf(0, 10, 60), attempt(false, null)).state());
    }

    private static ClaimedEvent event(int tries) {
        return new ClaimedEvent("id", 1, "public", "t", "trg", new JsonObject(), tries, LocalDateTime.now(), null);
    }

    private static AttemptResult attempt(boolean success, Duration retryAfter) {
        return new AttemptResult(success, success ? 200 : 503, "{}", "{}", retryAfter, 1);
    }
}
