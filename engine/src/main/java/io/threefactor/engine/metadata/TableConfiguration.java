package io.threefactor.engine.metadata;

import java.util.Map;

/** {@code configuration} of a tracked table: GraphQL names that replace Hasura's defaults. */
public record TableConfiguration(String customName, Map<String, String> customRootFields,
                                 Map<String, String> customColumnNames) {

    public static final TableConfiguration DEFAULT = new TableConfiguration(null, Map.of(), Map.of());

    public TableConfiguration {
        customRootFields = Map.copyOf(customRootFields);
        customColumnNames = Map.copyOf(customColumnNames);
    }
}
