package io.threefactor.triggers;

/** {@code pg_create_event_trigger} without {@code replace} for a name in use; Hasura's {@code already-exists}. */
public class TriggerAlreadyExistsException extends RuntimeException {
    public TriggerAlreadyExistsException(String name) {
        super("event trigger " + name + " already exists");
    }
}
