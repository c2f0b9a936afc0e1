package io.threefactor.functions.event;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Retry policy shared by the functions: a transient failure is rethrown (the deliverer retries
 * the event) unless this was the last attempt, in which case the function records the failure
 * itself so the row does not stay in flight forever.
 */
public final class Attempts {

    private Attempts() {
    }

    public static <T> T run(HasuraEvent event, Supplier<T> attempt, Function<RetryableException, T> giveUp) {
        try {
            return attempt.get();
        } catch (RetryableException e) {
            if (event.isLastAttempt()) {
                return giveUp.apply(e);
            }
            throw e;
        }
    }
}
