package io.threefactor.engine.error;


/** A request that cannot be planned, reported to the client in Hasura's error format. */
public class PlanningException extends RuntimeException {

    private final GraphqlError error;

    public PlanningException(String code, String message, String path) {
        super(message, null, false, false);
        this.error = new GraphqlError(message, path, code);
    }

    public GraphqlError error() {
        return error;
    }

    public static PlanningException validation(String message, String path) {
        return new PlanningException("validation-failed", message, path);
    }
}
