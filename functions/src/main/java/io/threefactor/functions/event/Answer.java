package io.threefactor.functions.event;

/**
 * The status contract of every binding, transport-neutral: 200 handled (also for {@code failed}/{@code rejected}),
 * 400 for payloads no retry can fix, 401 for a caller without the secret, 503 for transient failures (the event
 * trigger retries), 500 otherwise. The body is {@code {"error","message"}}, never a stack trace.
 */
public record Answer(int status, String error, String message) {

    public static Answer badPayload(String message) {
        return new Answer(400, "bad-payload", message);
    }

    public static Answer unauthorized(String message) {
        return new Answer(401, "unauthorized", message);
    }

    public static Answer unexpected() {
        return new Answer(500, "unexpected", "internal error; see the function log");
    }

    /** Our exception in the chain (bindings wrap what a function throws), or null. */
    public static Throwable ours(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BadEventException || t instanceof RetryableException) {
                return t;
            }
        }
        return null;
    }

    /** The answer to a failure; {@link #unexpected()} for anything that is not ours. */
    public static Answer of(Throwable failure) {
        Throwable t = ours(failure);
        if (t instanceof BadEventException) {
            return badPayload(t.getMessage());
        }
        if (t instanceof RetryableException) {
            return new Answer(503, "retry", t.getMessage());
        }
        return unexpected();
    }

    public boolean retry() {
        return status == 503;
    }
}
