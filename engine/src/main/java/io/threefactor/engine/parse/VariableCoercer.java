package io.threefactor.engine.parse;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.Type;
import graphql.language.TypeName;
import io.threefactor.engine.error.PlanningException;

import java.util.HashMap;
import java.util.Map;

/**
 * Checks request variables against their declarations (required values, built-in scalar kinds) and fills
 * in defaults. Values of Postgres scalars are left to Postgres; input objects to the planner.
 */
public final class VariableCoercer {

    private VariableCoercer() { }

    public static Map<String, JsonNode> coerce(PreparedDocument doc, JsonNode provided) {
        Map<String, JsonNode> out = new HashMap<>();
        for (Map.Entry<String, Type<?>> e : doc.variableTypes().entrySet()) {
            String name = e.getKey();
            JsonNode value = provided == null ? null : provided.get(name);
            if (value == null) {
                value = doc.variableDefaults().get(name);
            }
            check(name, e.getValue(), value, "$.variableValues." + name);
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }

    private static void check(String name, Type<?> type, JsonNode value, String path) {
        boolean absent = value == null || value.isNull();
        if (type instanceof NonNullType nn) {
            if (absent) {
                throw PlanningException.validation("expecting a value for non-nullable variable: \"" + name + "\"", path);
            }
            check(name, nn.getType(), value, path);
            return;
        }
        if (absent) {
            return;
        }
        if (type instanceof ListType list) {
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    check(name, list.getType(), value.get(i), path + "[" + i + "]");
                }
            } else {
                check(name, list.getType(), value, path);
            }
            return;
        }
        String scalar = ((TypeName) type).getName();
        boolean ok = switch (scalar) {
            case "Int" -> value.isIntegralNumber() && value.canConvertToInt();
            case "Float" -> value.isNumber();
            case "String" -> value.isTextual();
            case "Boolean" -> value.isBoolean();
            case "ID" -> value.isTextual() || value.isIntegralNumber();
            default -> true;
        };
        if (!ok) {
            throw PlanningException.validation("expected " + ValidationMessages.expected(scalar) + " for type '" + scalar
                    + "', but found " + kind(value), path);
        }
    }

    private static String kind(JsonNode v) {
        if (v.isTextual()) return "a string";
        if (v.isBoolean()) return "a boolean";
        if (v.isNumber()) return "a number";
        if (v.isArray()) return "a list";
        return "an object";
    }
}
