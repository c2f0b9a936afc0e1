package io.threefactor.engine.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A table, view or materialized view with the keys the schema and the SQL compiler need. */
public record TableInfo(
        QualifiedTable name,
        Kind kind,
        List<ColumnInfo> columns,
        List<String> primaryKey,
        Map<String, List<String>> uniqueConstraints,
        List<ForeignKey> foreignKeys,
        String comment,
        Map<String, ColumnInfo> columnsByName) {

    public enum Kind { TABLE, VIEW, MATERIALIZED_VIEW, FOREIGN_TABLE, PARTITIONED_TABLE;

        public boolean mutable() {
            return this == TABLE || this == PARTITIONED_TABLE || this == VIEW || this == FOREIGN_TABLE;
        }
    }

    public TableInfo(QualifiedTable name, Kind kind, List<ColumnInfo> columns, List<String> primaryKey,
                     Map<String, List<String>> uniqueConstraints, List<ForeignKey> foreignKeys, String comment) {
        this(name, kind, List.copyOf(columns), List.copyOf(primaryKey), Map.copyOf(uniqueConstraints),
                List.copyOf(foreignKeys), comment,
                columns.stream().collect(Collectors.toUnmodifiableMap(ColumnInfo::name, Function.identity())));
    }

    public Optional<ColumnInfo> column(String columnName) {
        return Optional.ofNullable(columnsByName.get(columnName));
    }

    /** The foreign key of this table whose columns are exactly {@code cols}, if any. */
    public Optional<ForeignKey> foreignKeyOn(List<String> cols) {
        return foreignKeys.stream().filter(fk -> fk.columns().equals(cols)).findFirst();
    }
}
