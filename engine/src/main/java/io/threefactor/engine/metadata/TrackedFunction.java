package io.threefactor.engine.metadata;

import io.threefactor.engine.catalog.QualifiedTable;

import java.util.Map;

/**
 * A tracked SQL function ({@code pg_track_function}): a function returning SETOF a tracked table becomes a
 * root field taking its arguments plus the table's where/order_by/limit/offset.
 *
 * @param sessionArgument  the argument that receives the session variables as JSON, or null
 * @param exposedAs        {@code query} or {@code mutation}; null to follow the volatility (VOLATILE: mutation)
 * @param customRootFields {@code function} and {@code function_aggregate} names from {@code custom_root_fields}
 */
public record TrackedFunction(QualifiedTable function, String customName, String sessionArgument, String exposedAs,
                              Map<String, String> customRootFields) {

    public TrackedFunction {
        customRootFields = Map.copyOf(customRootFields);
    }

    /** Whether the function is a mutation root field, given its volatility ({@code v} volatile). */
    public boolean isMutation(String volatility) {
        return exposedAs == null ? "v".equals(volatility) : "mutation".equals(exposedAs);
    }
}
