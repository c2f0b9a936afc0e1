package io.threefactor.engine.metadata;

import io.threefactor.engine.catalog.QualifiedTable;

/**
 * A computed field of a table ({@code pg_add_computed_field}): a function of the row, returning a scalar or
 * SETOF a tracked table.
 *
 * @param tableArgument   the argument that receives the row; null means the first argument
 * @param sessionArgument the argument that receives the session variables as JSON, or null
 */
public record ComputedField(String name, QualifiedTable function, String tableArgument, String sessionArgument,
                            String comment) { }
