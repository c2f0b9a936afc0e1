package io.threefactor.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.error.PlanningException;

/**
 * The v1 row API's {@code order_by} — {@code "+name"}, {@code "-id"}, {@code "author.name"} or
 * {@code {"column":…,"type":"asc|desc","nulls":"first|last"}}, alone or in a list — rewritten as the GraphQL
 * argument ({@code [{"name":"asc"},{"author":{"name":"desc_nulls_last"}}]}) for the {@link OrderByPlanner}.
 */
final class V1OrderBy {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private V1OrderBy() { }

    static JsonNode toGraphql(JsonNode orderBy, String path) {
        if (orderBy == null || orderBy.isNull()) {
            return null;
        }
        ArrayNode items = F.arrayNode();
        if (orderBy.isArray()) {
            for (int i = 0; i < orderBy.size(); i++) {
                items.add(item(orderBy.get(i), path + "[" + i + "]"));
            }
        } else {
            items.add(item(orderBy, path));
        }
        return items;
    }

    private static JsonNode item(JsonNode item, String path) {
        String column;
        String type = "asc";
        String nulls = null;
        if (item.isTextual()) {
            String text = item.asText();
            if (text.startsWith("+") || text.startsWith("-")) {
                type = text.startsWith("-") ? "desc" : "asc";
                text = text.substring(1);
            }
            column = text;
        } else if (item.isObject() && item.path("column").isTextual()) {
            column = item.get("column").asText();
            type = item.path("type").asText("asc");
            nulls = item.hasNonNull("nulls") ? item.get("nulls").asText() : null;
            if (!type.equals("asc") && !type.equals("desc")) {
                throw PlanningException.validation("expected 'asc' or 'desc' for 'type'", path + ".type");
            }
            if (nulls != null && !nulls.equals("first") && !nulls.equals("last")) {
                throw PlanningException.validation("expected 'first' or 'last' for 'nulls'", path + ".nulls");
            }
        } else {
            throw PlanningException.validation("string format for 'order_by' entry : {+/-}column Eg : +posted", path);
        }
        if (column.isEmpty()) {
            throw PlanningException.validation("string format for 'order_by' entry : {+/-}column Eg : +posted", path);
        }
        JsonNode value = F.textNode(nulls == null ? type : type + "_nulls_" + nulls);
        // "author.name": the column of the row an object relationship points at
        String[] parts = column.split("\\.");
        for (int i = parts.length - 1; i >= 0; i--) {
            ObjectNode level = F.objectNode();
            level.set(parts[i], value);
            value = level;
        }
        return value;
    }
}
