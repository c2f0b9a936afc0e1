package io.threefactor.functions.event;

/**
 * A transient failure (engine or storage unreachable, conflicting concurrent write): the
 * deliverer should try the event again later (HTTP 503).
 */
public class RetryableException extends RuntimeException {

    public RetryableException(String message, Throwable cause) {
        super(message, cause);
    }

    public RetryableException(String message) {
        super(message);
    }
}
