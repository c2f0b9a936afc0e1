package io.threefactor.engine.metadata;

import io.threefactor.engine.catalog.QualifiedTable;

/**
 * A tracked SQL function ({@code pg_track_function}): a function returning SETOF a tracked table becomes a
 * root field taking its arguments plus the table's where/order_by/limit/offset.
 *
 * @param sessionArgument the argument that receives the session variables as JSON, or null
 * @param exposedAs       {@code query} or {@code mutation}
 */
public record TrackedFunction(QualifiedTable function, String customName, String sessionArgument, String exposedAs) { }
