package io.threefactor.engine.catalog;

/**
 * A column as Postgres describes it.
 *
 * @param pgType    the type as {@code format_type} prints it without modifiers, usable in a cast ({@code integer[]})
 * @param typeName  the base type's internal name ({@code int4}, {@code text}, {@code geometry}); for arrays the element's
 * @param array     whether the column is an array of {@code typeName}
 * @param category  Postgres type category ({@code N} numeric, {@code S} string, {@code E} enum, …) of the base type
 */
public record ColumnInfo(
        String name,
        int position,
        String pgType,
        String typeName,
        boolean array,
        String category,
        boolean nullable,
        boolean hasDefault,
        boolean generated,
        boolean identityAlways,
        boolean identity,
        String comment) {

    /** Whether Postgres accepts a value for this column in an INSERT (Hasura hides those it would reject). */
    public boolean insertable() {
        return !generated && !identityAlways;
    }
}
