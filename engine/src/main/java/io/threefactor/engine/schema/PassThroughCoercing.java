package io.threefactor.engine.schema;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Coercing for Hasura's Postgres-backed scalars ({@code uuid}, {@code jsonb}, {@code timestamptz}, …):
 * values pass through untouched because Postgres parses them, and reports bad ones as data exceptions.
 */
final class PassThroughCoercing implements Coercing<Object, Object> {

    static final PassThroughCoercing INSTANCE = new PassThroughCoercing();

    @Override
    public Object serialize(Object dataFetcherResult, GraphQLContext context, Locale locale) {
        return dataFetcherResult;
    }

    @Override
    public Object parseValue(Object input, GraphQLContext context, Locale locale) {
        return input;
    }

    @Override
    public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
        return literal(input, variables);
    }

    private static Object literal(Value<?> v, CoercedVariables variables) {
        if (v instanceof StringValue s) return s.getValue();
        if (v instanceof IntValue i) return i.getValue();
        if (v instanceof FloatValue f) return f.getValue();
        if (v instanceof BooleanValue b) return b.isValue();
        if (v instanceof EnumValue e) return e.getName();
        if (v instanceof NullValue) return null;
        if (v instanceof VariableReference r) return variables == null ? null : variables.get(r.getName());
        if (v instanceof ArrayValue a) {
            List<Object> out = new ArrayList<>();
            a.getValues().forEach(x -> out.add(literal(x, variables)));
            return out;
        }
        if (v instanceof ObjectValue o) {
            Map<String, Object> out = new LinkedHashMap<>();
            o.getObjectFields().forEach(f -> out.put(f.getName(), literal(f.getValue(), variables)));
            return out;
        }
        return null;
    }
}
