package io.threefactor.bench;

import io.vertx.sqlclient.Tuple;

import java.util.Map;
import java.util.function.LongFunction;

/**
 * One benchmark query in its two equivalent forms: a GraphQL operation for the engine and the hand-written SQL
 * that returns the same {@code data} JSON. {@code params} gives request number k's arguments in both forms.
 */
public record BenchQuery(String name, String description, String operationName, String graphql, String sql,
                         LongFunction<Params> params) {

    /**
     * The same arguments as GraphQL variables (a JSON object) and as SQL parameters, and the HTTP headers the
     * engine request carries (e.g. {@code x-hasura-role}; none for admin).
     */
    public record Params(String variablesJson, Tuple sqlArgs, Map<String, String> headers) {
        public Params(String variablesJson, Tuple sqlArgs) {
            this(variablesJson, sqlArgs, Map.of());
        }
    }

    /** The same query with each request's headers added, e.g. to run it as another role. */
    BenchQuery withHeaders(String newName, String newDescription, LongFunction<Map<String, String>> headers) {
        return new BenchQuery(newName, newDescription, operationName, graphql, sql, k -> {
            Params p = params.apply(k);
            return new Params(p.variablesJson(), p.sqlArgs(), headers.apply(k));
        });
    }
}
