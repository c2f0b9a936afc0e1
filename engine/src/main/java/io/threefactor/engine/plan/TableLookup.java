package io.threefactor.engine.plan;

import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.ir.BoolExp;
import io.threefactor.engine.schema.TableModel;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * How the planner sees tables: the role's view for GraphQL arguments, and the unrestricted view with
 * Postgres column names for permission expressions (which Hasura evaluates without further permissions).
 */
public interface TableLookup {

    /** The role's model of a table, or null when the role cannot see it. */
    TableModel roleTable(QualifiedTable table);

    /** The unrestricted model of a tracked table, or null when untracked. */
    TableModel anyTable(QualifiedTable table);

    /** The role's select permission filter on a table, compiled ({@link BoolExp#TRUE} for admin). */
    BoolExp selectFilter(TableModel table);

    /** The role's cap on rows per selection (from configuration), or null. */
    default Integer roleRowLimit() {
        return null;
    }

    /** A permission boolean expression ({@code check}, {@code filter}) of a table, compiled; null is true. */
    BoolExp permission(TableModel table, JsonNode expression);
}
