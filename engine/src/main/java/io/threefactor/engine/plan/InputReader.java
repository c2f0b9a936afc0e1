package io.threefactor.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import io.threefactor.engine.ir.ParamValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns GraphQL literals, plan-shaping variable values and permission JSON into {@link Input} trees. */
public final class InputReader {

    private final Map<String, JsonNode> shapingVariables;

    /** @param shapingVariables values of the variables that shape the plan; all others become parameters */
    public InputReader(Map<String, JsonNode> shapingVariables) {
        this.shapingVariables = shapingVariables;
    }

    public Input read(Value<?> value) {
        if (value == null || value instanceof NullValue) {
            return Input.NULL;
        }
        if (value instanceof VariableReference ref) {
            if (shapingVariables.containsKey(ref.getName())) {
                return fromJson(shapingVariables.get(ref.getName()), false);
            }
            return new Input.Scalar(new ParamValue.Variable(ref.getName()));
        }
        if (value instanceof StringValue s) return literal(s.getValue());
        if (value instanceof IntValue i) return literal(i.getValue());
        if (value instanceof FloatValue f) return literal(f.getValue());
        if (value instanceof BooleanValue b) return literal(b.isValue());
        if (value instanceof EnumValue e) return literal(e.getName());
        if (value instanceof ArrayValue a) {
            List<Input> items = new ArrayList<>();
            a.getValues().forEach(v -> items.add(read(v)));
            return new Input.ListInput(items);
        }
        if (value instanceof ObjectValue o) {
            Map<String, Input> fields = new LinkedHashMap<>();
            for (ObjectField f : o.getObjectFields()) {
                fields.put(f.getName(), read(f.getValue()));
            }
            return new Input.ObjectInput(fields);
        }
        throw new IllegalArgumentException("unsupported value " + value);
    }

    /**
     * JSON to input. With {@code sessionAware}, strings naming a session variable ({@code X-Hasura-*}) become
     * session parameters, as in Hasura permissions.
     */
    public static Input fromJson(JsonNode node, boolean sessionAware) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Input.NULL;
        }
        if (node.isObject()) {
            Map<String, Input> fields = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), fromJson(e.getValue(), sessionAware)));
            return new Input.ObjectInput(fields);
        }
        if (node.isArray()) {
            List<Input> items = new ArrayList<>();
            node.forEach(n -> items.add(fromJson(n, sessionAware)));
            return new Input.ListInput(items);
        }
        if (node.isTextual()) {
            String text = node.asText();
            if (sessionAware && isSessionVariable(text)) {
                return new Input.Scalar(new ParamValue.Session(text.toLowerCase(Locale.ROOT)));
            }
            return literal(text);
        }
        if (node.isBoolean()) return literal(node.booleanValue());
        if (node.isIntegralNumber()) return literal(node.bigIntegerValue());
        return literal(node.decimalValue());
    }

    public static boolean isSessionVariable(String text) {
        return text.regionMatches(true, 0, "x-hasura-", 0, 9);
    }

    private static Input literal(Object value) {
        return new Input.Scalar(new ParamValue.Literal(value));
    }
}
