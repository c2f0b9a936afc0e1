package io.threefactor.engine.schema;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLScalarType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Hasura's {@code Int}: a 32-bit integer, or a 64-bit one written as a string of digits ({@code offset: "1"}), as
 * Hasura's {@code bigInt} parser accepts (anything past 64 bits is refused). Replaces graphql-java's {@code Int} everywhere in the schema.
 */
public final class IntScalar {

    public static final GraphQLScalarType INT = GraphQLScalarType.newScalar().name("Int")
            .description("Int").coercing(new LenientInt()).build();

    private IntScalar() { }

    private static final class LenientInt implements Coercing<Object, Object> {

        private static final String EXPECTED = "a 32-bit integer, or a 64-bit integer represented as a string";

        @Override
        public Object serialize(Object dataFetcherResult, GraphQLContext context, Locale locale) {
            return dataFetcherResult;
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) {
            BigInteger value = integer(input);
            if (value == null) {
                throw new CoercingParseValueException("expected " + EXPECTED);
            }
            return value;
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            BigInteger value = input instanceof IntValue i ? integer(i.getValue())
                    : input instanceof StringValue s ? integer(s.getValue()) : null;
            if (value == null) {
                // graphql-java's own wording for Int, which parse/ValidationMessages turns into Hasura's
                throw new CoercingParseLiteralException("Expected an AST type of 'IntValue' but it was a '"
                        + input.getClass().getSimpleName() + "'");
            }
            return value;
        }

        private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
        private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

        /** The value as an integer Hasura's {@code bigInt} takes (64 bits), or null. */
        private static BigInteger integer(Object input) {
            BigInteger value = anyInteger(input);
            return value == null || value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0 ? null : value;
        }

        private static BigInteger anyInteger(Object input) {
            if (input instanceof BigInteger b) {
                return b;
            }
            if (input instanceof Integer || input instanceof Long || input instanceof Short) {
                return BigInteger.valueOf(((Number) input).longValue());
            }
            if (input instanceof BigDecimal d) {
                try {
                    return d.toBigIntegerExact();
                } catch (ArithmeticException e) {
                    return null;
                }
            }
            if (input instanceof String s && s.matches("-?[0-9]+")) {
                return new BigInteger(s);
            }
            return null;
        }
    }
}
