package io.threefactor.engine.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.threefactor.engine.catalog.QualifiedTable;

import java.util.List;
import java.util.Map;

/** One entry of a source's {@code tables}: a tracked table with its relationships and permissions. */
public record TableMetadata(
        QualifiedTable table,
        TableConfiguration configuration,
        boolean isEnum,
        List<Relationship> relationships,
        Map<String, Permissions.Select> selectPermissions,
        Map<String, Permissions.Insert> insertPermissions,
        Map<String, Permissions.Update> updatePermissions,
        Map<String, Permissions.Delete> deletePermissions,
        List<JsonNode> eventTriggers,
        List<ComputedField> computedFields) {

    public TableMetadata {
        relationships = List.copyOf(relationships);
        selectPermissions = Map.copyOf(selectPermissions);
        insertPermissions = Map.copyOf(insertPermissions);
        updatePermissions = Map.copyOf(updatePermissions);
        deletePermissions = Map.copyOf(deletePermissions);
        eventTriggers = List.copyOf(eventTriggers);
        computedFields = List.copyOf(computedFields);
    }
}
