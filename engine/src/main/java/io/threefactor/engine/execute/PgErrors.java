package io.threefactor.engine.execute;

import io.threefactor.engine.http.GraphqlError;
import io.vertx.pgclient.PgException;

/** Maps Postgres errors to Hasura's error codes, without SQL text or internals. */
public final class PgErrors {

    private PgErrors() { }

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
            } else if ("40001".equals(state) || "40P01".equals(state)) {
                code = "unexpected";
            } else {
                return new GraphqlError("database query error", "$", "unexpected");
            }
            return new GraphqlError(pg.getErrorMessage(), "$", code);
        }
        return new GraphqlError("database query error", "$", "unexpected");
    }
}
