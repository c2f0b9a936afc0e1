package io.threefactor.triggers.capture;

import java.util.List;
import java.util.Map;

/**
 * What capture needs to know about a table: its columns and primary key, in order, and the type of each column
 * ({@code pg_type.typname}; a domain's is its base type's). A column without a known type is delivered as
 * {@code row_to_json} writes it.
 */
public record TableShape(List<String> columns, List<String> primaryKey, Map<String, String> types) {
    public TableShape {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        types = Map.copyOf(types);
    }

    public TableShape(List<String> columns, List<String> primaryKey) {
        this(columns, primaryKey, Map.of());
    }

    /** The column's type name, or null when it is not known. */
    String type(String column) {
        return types.get(column);
    }
}
