package io.threefactor.engine.ir;

import java.util.List;

/** Where a bound SQL parameter's value comes from at execution time. */
public sealed interface ParamValue {

    /** A value fixed by the query text or metadata (a JSON-like Java value: String, Number, Boolean, List, Map). */
    record Literal(Object value) implements ParamValue { }

    /** A GraphQL variable of scalar type, bound per request so the plan is shared. */
    record Variable(String name) implements ParamValue { }

    /** A list whose items are bound separately, e.g. {@code _in: [$a, $b]}; bound as one text[]. */
    record ListOf(List<ParamValue> items) implements ParamValue {
        public ListOf { items = List.copyOf(items); }
    }

    /** All session variables as one JSON object, for a function's {@code session_argument}. */
    record SessionJson() implements ParamValue { }

    /**
     * A literal or variable bound as the JSON text of its value, for json and jsonb: a GraphQL string is the JSON
     * string, not JSON text to parse (as in Hasura).
     */
    record AsJson(ParamValue value) implements ParamValue { }

    /** A session variable ({@code x-hasura-*}, lower case), bound per request from the session. */
    record Session(String name) implements ParamValue { }
}
