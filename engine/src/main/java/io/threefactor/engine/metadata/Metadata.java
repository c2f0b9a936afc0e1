package io.threefactor.engine.metadata;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hasura metadata (version 3): the JSON document that is the source of truth, kept for export and
 * edits, with the typed view of it that the schema builder reads.
 *
 * @param resourceVersion increases with every change; caches are keyed by it
 */
public record Metadata(ObjectNode document, long resourceVersion, List<TableMetadata> tables,
                       List<TrackedFunction> functions,
                       Map<String, Set<String>> inheritedRoles, ApiLimits apiLimits,
                       Set<String> introspectionDisabledFor) {

    public Metadata {
        tables = List.copyOf(tables);
        functions = List.copyOf(functions);
        inheritedRoles = Map.copyOf(inheritedRoles);
        introspectionDisabledFor = Set.copyOf(introspectionDisabledFor);
    }

    /**
     * Hasura's {@code api_limits}: query depth, node (field count) and time limits, global and per role. Time
     * limits are given in seconds.
     */
    public record ApiLimits(boolean disabled, Integer globalDepth, Map<String, Integer> depthPerRole,
                            Integer globalNodes, Map<String, Integer> nodesPerRole,
                            Duration globalTime, Map<String, Duration> timePerRole) {

        public static final ApiLimits NONE = new ApiLimits(true, null, Map.of(), null, Map.of(), null, Map.of());

        public ApiLimits {
            depthPerRole = Map.copyOf(depthPerRole);
            nodesPerRole = Map.copyOf(nodesPerRole);
            timePerRole = Map.copyOf(timePerRole);
        }

        public Duration timeLimit(String role) {
            return disabled ? null : timePerRole.getOrDefault(role, globalTime);
        }

        public Integer depthLimit(String role) {
            return disabled ? null : depthPerRole.getOrDefault(role, globalDepth);
        }

        public Integer nodeLimit(String role) {
            return disabled ? null : nodesPerRole.getOrDefault(role, globalNodes);
        }
    }

    /** Every role that some permission mentions, plus inherited roles. */
    public Set<String> roles() {
        Set<String> roles = new LinkedHashSet<>();
        for (TableMetadata t : tables) {
            roles.addAll(t.selectPermissions().keySet());
            roles.addAll(t.insertPermissions().keySet());
            roles.addAll(t.updatePermissions().keySet());
            roles.addAll(t.deletePermissions().keySet());
        }
        roles.addAll(inheritedRoles.keySet());
        return roles;
    }
}
