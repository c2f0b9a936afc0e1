package io.threefactor.engine.ir;

import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.schema.JoinColumn;

import java.util.List;

/**
 * Rows of one table to select: filter (where AND permission), order, paging, distinct and the output fields.
 *
 * @param limit     from the {@code limit} argument, may be null
 * @param permLimit the role's row limit, applied on top of {@code limit}; null for none
 * @param source    a set-returning function the rows come from instead of the table, or null
 * @param limitWithTies the limit also takes the rows that tie with the last one in the order ({@code FETCH FIRST n
 *                  ROWS WITH TIES}): a stream's batch never ends between rows of one cursor value
 */
public record Selection(QualifiedTable table, BoolExp filter, List<OrderBy> orderBy, SqlValue limit,
                        SqlValue offset, Integer permLimit, List<String> distinctOn, List<OutputField> fields,
                        FunctionCall source, boolean limitWithTies) {

    public Selection {
        orderBy = List.copyOf(orderBy);
        distinctOn = List.copyOf(distinctOn);
        fields = List.copyOf(fields);
    }

    public Selection(QualifiedTable table, BoolExp filter, List<OrderBy> orderBy, SqlValue limit, SqlValue offset,
                     Integer permLimit, List<String> distinctOn, List<OutputField> fields) {
        this(table, filter, orderBy, limit, offset, permLimit, distinctOn, fields, null);
    }

    public Selection(QualifiedTable table, BoolExp filter, List<OrderBy> orderBy, SqlValue limit, SqlValue offset,
                     Integer permLimit, List<String> distinctOn, List<OutputField> fields, FunctionCall source) {
        this(table, filter, orderBy, limit, offset, permLimit, distinctOn, fields, source, false);
    }

    /** The same rows, the limit taking the rows that tie with the last one. */
    public Selection withLimitTies() {
        return new Selection(table, filter, orderBy, limit, offset, permLimit, distinctOn, fields, source, true);
    }

    /** The same rows with other output fields. */
    public Selection withFields(List<OutputField> newFields) {
        return new Selection(table, filter, orderBy, limit, offset, permLimit, distinctOn, newFields, source,
                limitWithTies);
    }

    /** The same rows with another role row limit (null: none). */
    public Selection withPermLimit(Integer newPermLimit) {
        return new Selection(table, filter, orderBy, limit, offset, newPermLimit, distinctOn, fields, source);
    }

    /** A field of the JSON object built per row. */
    public sealed interface OutputField {
        String alias();
    }

    /**
     * A column, optionally narrowed by a JSON path ({@code path} argument of json/jsonb columns).
     * {@code typeName} is the column's base type and {@code array} whether the column is an array of it, which
     * decide the JSON encoding (GeoJSON for PostGIS, strings for big numbers when stringified);
     * {@code visibleWhen}, if set, nulls the value on rows that do not satisfy it (inherited roles).
     */
    public record ColumnField(String alias, String column, String typeName, boolean array, SqlValue jsonPath,
                              BoolExp visibleWhen) implements OutputField {

        public ColumnField(String alias, String column, String typeName, SqlValue jsonPath) {
            this(alias, column, typeName, false, jsonPath, null);
        }
    }

    /** A scalar computed field: the function called with the row; {@code typeName} its result's base type. */
    public record ComputedField(String alias, FunctionCall call, String typeName) implements OutputField { }

    /** {@code __typename} or any constant text. */
    public record ConstantField(String alias, String value) implements OutputField { }

    /** An object relationship: one row of the target (or null). */
    public record ObjectRelationshipField(String alias, List<JoinColumn> join, Selection target)
            implements OutputField { }

    /** An array relationship: the target's rows as a JSON array. */
    public record ArrayRelationshipField(String alias, List<JoinColumn> join, Selection target)
            implements OutputField { }

    /** An array relationship's {@code _aggregate} field. */
    public record ArrayAggregateField(String alias, List<JoinColumn> join, Aggregation target)
            implements OutputField { }
}
