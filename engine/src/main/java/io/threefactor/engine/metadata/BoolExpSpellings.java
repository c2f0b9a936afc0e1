package io.threefactor.engine.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Set;

/**
 * A boolean expression in the form GraphQL {@code where} arguments take. Hasura's permissions and its v1 row API
 * ({@code /v1/query} select, count, update, delete) also read the older spellings: {@code $and}/{@code $eq}/… for {@code _and}/{@code _eq}/…, {@code _ne} and {@code _cneq} for
 * {@code _neq} and {@code _cne}, and a bare value for {@code _eq} ({@code {"published": true}}).
 */
public final class BoolExpSpellings {

    private static final Set<String> LOGICAL = Set.of("_and", "_or", "_not");
    private static final Map<String, String> ALIASES = Map.of("_ne", "_neq", "_cneq", "_cne");

    private BoolExpSpellings() { }

    /** The expression in GraphQL spelling; {@code null} stays {@code null}. */
    public static JsonNode normalize(JsonNode exp) {
        if (exp == null) {
            return null;
        }
        if (exp.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            exp.forEach(e -> out.add(normalize(e)));
            return out;
        }
        if (!exp.isObject()) {
            return exp;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        exp.properties().forEach(e -> {
            String key = operator(e.getKey());
            JsonNode value = e.getValue();
            if (LOGICAL.contains(key)) {
                out.set(key, normalize(value));
            } else if ("_exists".equals(key)) {
                out.set(key, exists(value));
            } else {
                out.set(e.getKey(), field(value));
            }
        });
        return out;
    }

    /** The value of a column, relationship or computed field: comparisons, or a nested expression. */
    private static JsonNode field(JsonNode value) {
        if (!value.isObject()) {
            return JsonNodeFactory.instance.objectNode().set("_eq", value);
        }
        if (!isComparison(value)) {
            return normalize(value);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        // operands are values (a jsonb literal may have any keys): left as they are, except _cast's, which are
        // the comparisons of the column cast to each named type
        value.properties().forEach(e -> {
            String op = operator(e.getKey());
            out.set(op, "_cast".equals(op) ? cast(e.getValue()) : e.getValue());
        });
        return out;
    }

    private static JsonNode cast(JsonNode types) {
        if (!types.isObject()) {
            return types;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        types.properties().forEach(e -> out.set(e.getKey(), field(e.getValue())));
        return out;
    }

    private static JsonNode exists(JsonNode value) {
        if (!value.isObject() || !value.has("_where")) {
            return value;
        }
        ObjectNode out = value.deepCopy();
        out.set("_where", normalize(value.get("_where")));
        return out;
    }

    /** Every key an operator, none of them logical: the comparisons of a column (or scalar computed field). */
    private static boolean isComparison(JsonNode value) {
        if (value.isEmpty()) {
            return false;
        }
        for (String key : (Iterable<String>) value::fieldNames) {
            String op = operator(key);
            if (!op.startsWith("_") || LOGICAL.contains(op) || "_exists".equals(op)) {
                return false;
            }
        }
        return true;
    }

    private static String operator(String key) {
        String op = key.startsWith("$") ? "_" + key.substring(1) : key;
        return ALIASES.getOrDefault(op, op);
    }
}
