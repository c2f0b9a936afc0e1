package io.threefactor.engine.plan;

import io.threefactor.engine.ir.ParamValue;

import java.util.List;
import java.util.Map;

/**
 * An argument value, from the query text, a plan-shaping variable, or permission JSON. Leaves are
 * {@link ParamValue}s so scalars stay parameters whether they come from literals, variables or the session.
 */
public sealed interface Input {

    Input NULL = new Null();

    record Null() implements Input { }

    record Scalar(ParamValue value) implements Input { }

    record ListInput(List<Input> items) implements Input {
        public ListInput { items = List.copyOf(items); }
    }

    /** Fields in the order written: Hasura honours it for {@code order_by}. */
    record ObjectInput(Map<String, Input> fields) implements Input { }
}
