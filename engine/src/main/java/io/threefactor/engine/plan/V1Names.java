package io.threefactor.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.schema.RelationshipModel;
import io.threefactor.engine.schema.TableModel;

import java.util.function.Function;

/**
 * The v1 row API names columns as Postgres does; the GraphQL planners take the GraphQL field names, which differ for
 * customised columns ({@code column_config.custom_name}). Rewrites the keys of its JSON arguments accordingly.
 */
final class V1Names {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private V1Names() { }

    /**
     * A boolean expression or an {@code order_by} object: column keys renamed, relationship keys followed into the
     * target table ({@code targets} gives the role's model of a table).
     */
    static JsonNode expression(TableModel table, JsonNode exp, Function<RelationshipModel, TableModel> targets) {
        if (exp == null || table == null) {
            return exp;
        }
        if (exp.isArray()) {
            ArrayNode out = F.arrayNode();
            exp.forEach(item -> out.add(expression(table, item, targets)));
            return out;
        }
        if (!exp.isObject()) {
            return exp;
        }
        ObjectNode out = F.objectNode();
        exp.fields().forEachRemaining(e -> {
            String key = e.getKey();
            RelationshipModel rel = table.relationships().get(key);
            if ("_and".equals(key) || "_or".equals(key) || "_not".equals(key)) {
                out.set(key, expression(table, e.getValue(), targets));
            } else if (rel != null) {
                out.set(key, expression(targets.apply(rel), e.getValue(), targets));
            } else {
                out.set(column(table, key), e.getValue());
            }
        });
        return out;
    }

    /** Rows or column assignments ({@code objects}, {@code $set}, …): their column keys renamed. */
    static JsonNode columns(TableModel table, JsonNode values) {
        if (values == null) {
            return null;
        }
        if (values.isArray()) {
            ArrayNode out = F.arrayNode();
            values.forEach(v -> out.add(v.isTextual() ? F.textNode(column(table, v.asText())) : columns(table, v)));
            return out;
        }
        if (!values.isObject()) {
            return values;
        }
        ObjectNode out = F.objectNode();
        values.fields().forEachRemaining(e -> out.set(column(table, e.getKey()), e.getValue()));
        return out;
    }

    private static String column(TableModel table, String name) {
        return table.info().column(name).isPresent() ? table.fieldName(name) : name;
    }
}
