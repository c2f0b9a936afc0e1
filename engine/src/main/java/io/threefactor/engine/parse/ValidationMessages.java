package io.threefactor.engine.parse;

import graphql.GraphQLError;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLSchema;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * graphql-java's validation errors in Hasura's words. Its messages print literals as their AST
 * ({@code EnumValue{name='body'}}); Hasura users get the plain value, and never a library's class names.
 */
final class ValidationMessages {

    private ValidationMessages() { }

    private static final Pattern UNDEFINED_FIELD =
            Pattern.compile("Field '(.+)' in type '(.+)' is undefined");
    private static final Pattern UNKNOWN_INPUT_FIELD =
            Pattern.compile("argument '.+' with value '.*' contains a field not in '(.+)': '(.+)'", Pattern.DOTALL);
    private static final Pattern SCALAR_MISMATCH = Pattern.compile(
            "argument '[^']+' with value '.*' is not a valid '([^']+)' - Expected an AST type of .* but it was a '(\\w+)'",
            Pattern.DOTALL);
    private static final Pattern ENUM_MISMATCH = Pattern.compile(
            "argument '[^']+' with value '.*' is not a valid '([^']+)' - Literal value not in allowable values for enum"
                    + " '[^']+' - '(\\w+)(?:\\{name='([^']*)'})?.*", Pattern.DOTALL);
    private static final Pattern ARGUMENT_VALUE =
            Pattern.compile("argument '([^']+)' with value '.*?'(?= (is|contains|must|has))", Pattern.DOTALL);
    /** Whatever AST text is left: {@code StringValue{value='x'}}, {@code ObjectValue{objectFields=[…]}}. */
    private static final Pattern AST_TEXT = Pattern.compile(
            "(IntValue|FloatValue|StringValue|BooleanValue|NullValue|EnumValue|ArrayValue|ObjectValue|ObjectField"
                    + "|VariableReference|Field|Argument)\\{.*}", Pattern.DOTALL);

    /** Hasura's words for a GraphQL literal of each AST kind ({@code describeGraphQL}). */
    private static final Map<String, String> LITERALS = Map.of(
            "IntValue", "an integer", "FloatValue", "a float", "StringValue", "a string", "BooleanValue", "a boolean",
            "NullValue", "null", "EnumValue", "an enum value", "ArrayValue", "a list", "ObjectValue", "an object",
            "VariableReference", "a variable");

    static String of(GraphQLError error, GraphQLSchema schema) {
        String m = error.getMessage();
        // graphql-java prefixes "Validation error (Rule@[path]) : "; Hasura users expect the plain sentence.
        int colon = m.indexOf(" : ");
        String plain = m.startsWith("Validation error") && colon > 0 ? m.substring(colon + 3) : m;
        Matcher undefined = UNDEFINED_FIELD.matcher(plain);
        if (undefined.matches()) {
            return "field '" + undefined.group(1) + "' not found in type: '" + undefined.group(2) + "'";
        }
        Matcher unknownInput = UNKNOWN_INPUT_FIELD.matcher(plain);
        if (unknownInput.matches()) {
            return "field '" + unknownInput.group(2) + "' not found in type: '" + unknownInput.group(1) + "'";
        }
        Matcher scalar = SCALAR_MISMATCH.matcher(plain);
        if (scalar.matches()) {
            String type = scalar.group(1);
            return mismatch(type, schema.getType(type) instanceof GraphQLEnumType ? "an enum value" : expected(type),
                    scalar.group(2));
        }
        Matcher enumValue = ENUM_MISMATCH.matcher(plain);
        if (enumValue.matches()) {
            if (!"EnumValue".equals(enumValue.group(2)) || enumValue.group(3) == null) {
                return mismatch(enumValue.group(1), "an enum value", enumValue.group(2));
            }
            return "expected one of the values " + values(schema, enumValue.group(1)) + " for type '"
                    + enumValue.group(1) + "', but found '" + enumValue.group(3) + "'";
        }
        // graphql-java prints the offending literal as its AST; the argument name is what users need.
        String named = ARGUMENT_VALUE.matcher(plain).replaceAll("argument '$1'");
        return AST_TEXT.matcher(named).replaceAll("a value");
    }

    /** Hasura's {@code typeMismatch}: what the type takes, and what kind of literal was given. */
    private static String mismatch(String type, String expected, String astKind) {
        return "expected " + expected + " for type '" + type + "', but found "
                + LITERALS.getOrDefault(astKind, "another value");
    }

    /** What each built-in scalar takes, as Hasura says it (Scalars.hs). */
    static String expected(String scalar) {
        return switch (scalar) {
            case "Int" -> "a 32-bit integer";
            case "Float" -> "a float";
            case "Boolean" -> "a boolean";
            case "ID" -> "a String or a 32-bit integer";
            default -> "a string";
        };
    }

    private static String values(GraphQLSchema schema, String enumName) {
        if (!(schema.getType(enumName) instanceof GraphQLEnumType type)) {
            return "[]";
        }
        return type.getValues().stream().map(GraphQLEnumValueDefinition::getName)
                .map(v -> "'" + v + "'").collect(Collectors.joining(", ", "[", "]"));
    }
}
