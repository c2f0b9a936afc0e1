package io.threefactor.triggers.api;

/** An API call named a trigger (or event) that does not exist; maps to Hasura's {@code not-exists} error. */
public class TriggerNotFoundException extends RuntimeException {
    public TriggerNotFoundException(String message) {
        super(message);
    }
}
