package io.threefactor.engine.execute;

import io.threefactor.engine.metadata.Metadata;
import io.threefactor.engine.parse.PreparedDocument;
import io.threefactor.engine.error.PlanningException;
import io.threefactor.engine.session.Session;

import java.time.Duration;

/**
 * Per-role guards applied before any SQL runs: Hasura's {@code api_limits} (depth, nodes, time), introspection
 * switched off per role, and {@code backend_only} insert permissions.
 */
final class RoleLimits {

    static final String BACKEND_ONLY_HEADER = "x-hasura-use-backend-only-permissions";

    private RoleLimits() { }

    static void check(Metadata metadata, String role, PreparedDocument doc) {
        Integer depth = metadata.apiLimits().depthLimit(role);
        if (depth != null && doc.depth() > depth) {
            throw PlanningException.validation("the query's depth " + doc.depth() + " exceeds the depth limit of "
                    + depth + " for role '" + role + "'", "$.selectionSet");
        }
        Integer nodes = metadata.apiLimits().nodeLimit(role);
        if (nodes != null && doc.nodes() > nodes) {
            throw PlanningException.validation("the query's " + doc.nodes() + " fields exceed the node limit of "
                    + nodes + " for role '" + role + "'", "$.selectionSet");
        }
    }

    /**
     * How long the request's statements may run: the role's {@code api_limits.time_limit}, never longer than the
     * engine's configured limit (zero: none).
     */
    static Duration timeLimit(Metadata metadata, String role, Duration configured) {
        Duration limit = metadata.apiLimits().timeLimit(role);
        if (limit == null) {
            return configured;
        }
        return configured.isZero() || limit.compareTo(configured) < 0 ? limit : configured;
    }

    /** As in Hasura, a role without introspection sees no {@code __schema}/{@code __type} fields. */
    static void checkIntrospection(Metadata metadata, String role, PreparedDocument doc) {
        if (metadata.introspectionDisabledFor().contains(role)) {
            throw PlanningException.validation("field '__schema' not found in type: 'query_root'", "$.selectionSet.__schema");
        }
    }

    /** A backend_only insert is only for requests with the admin secret and the backend-only header. */
    static Plan requireBackend(Plan plan, Session session) {
        if (plan.backendOnly() && !(session.adminSecretVerified()
                && "true".equalsIgnoreCase(session.variable(BACKEND_ONLY_HEADER).orElse("")))) {
            throw PlanningException.validation("insert is allowed only to trusted backends for role '" + session.role()
                    + "' (send the admin secret and " + BACKEND_ONLY_HEADER + ": true)", "$.selectionSet");
        }
        return plan;
    }
}
