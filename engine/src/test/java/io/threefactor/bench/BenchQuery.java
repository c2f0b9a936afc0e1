package io.threefactor.bench;

import io.vertx.sqlclient.Tuple;

import java.util.function.LongFunction;

/**
 * One benchmark query in its two equivalent forms: a GraphQL operation for the engine and the hand-written SQL
 * that returns the same {@code data} JSON. {@code params} gives request number k's arguments in both forms.
 */
public record BenchQuery(String name, String description, String operationName, String graphql, String sql,
                         LongFunction<Params> params) {

    /** The same arguments as GraphQL variables (a JSON object) and as SQL parameters. */
    public record Params(String variablesJson, Tuple sqlArgs) { }
}
