package io.threefactor.engine.metadata;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/** Hasura's four permission kinds. Boolean expressions stay as JSON until the planner compiles them. */
public final class Permissions {

    private Permissions() { }

    public record Select(ColumnSet columns, JsonNode filter, Integer limit, boolean allowAggregations,
                         List<String> computedFields, List<String> queryRootFields,
                         List<String> subscriptionRootFields) { }

    public record Insert(JsonNode check, ColumnSet columns, Map<String, JsonNode> set, boolean backendOnly) { }

    public record Update(ColumnSet columns, JsonNode filter, JsonNode check, Map<String, JsonNode> set) { }

    public record Delete(JsonNode filter) { }
}
