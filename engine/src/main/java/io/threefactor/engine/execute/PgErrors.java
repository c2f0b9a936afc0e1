package io.threefactor.engine.execute;

import io.threefactor.engine.error.GraphqlError;
import io.vertx.pgclient.PgException;

/** Maps Postgres errors to Hasura's error codes, without SQL text or internals. */
public final class PgErrors {

    private PgErrors() { }

    /** Hasura names the kind of constraint before Postgres's own message. */
    private static String prefix(String state) {
        return switch (state) {
            case "23505" -> "Uniqueness violation. ";
            case "23503" -> "Foreign key violation. ";
            case "23502" -> "Not-NULL violation. ";
            case "23514" -> "Check constraint violation. ";
            case "23P01" -> "Exclusion violation. ";
            case "23000", "23001" -> "Integrity constraint violation. ";
            default -> "";
        };
    }

    public static GraphqlError toGraphqlError(Throwable failure) {
        if (failure instanceof PgException pg) {
            String state = pg.getSqlState() == null ? "" : pg.getSqlState();
            String code;
            if (state.startsWith("23")) {
                code = "constraint-violation";
            } else if (state.startsWith("22")) {
                code = "data-exception";
            } else if ("42501".equals(state)) {
                code = "permission-error";
            } else if (state.startsWith("P0")) {
                code = "unexpected";
            } else if ("57014".equals(state)) {
                code = "timeout"; // statement_timeout (a mutation's own limit) or a cancel request
            } else if ("40001".equals(state) || "40P01".equals(state)) {
                code = "unexpected";
            } else {
                return new GraphqlError("database query error", "$", "unexpected");
            }
            return new GraphqlError(prefix(state) + pg.getErrorMessage(), "$", code);
        }
        return new GraphqlError("database query error", "$", "unexpected");
    }
}
