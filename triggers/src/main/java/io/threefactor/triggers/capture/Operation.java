package io.threefactor.triggers.capture;

/** A data-changing operation that a capture trigger fires on (MANUAL events have no Postgres trigger). */
public enum Operation {
    INSERT, UPDATE, DELETE;

    /** Hasura's name for the trigger and its function: {@code notify_hasura_<trigger>_<OP>}. */
    public String functionName(String triggerName) {
        return "notify_hasura_" + triggerName + "_" + name();
    }
}
