package io.threefactor.triggers.definition;

import java.util.List;

/** Hasura's column spec: {@code "*"} or a list of column names. */
public sealed interface ColumnSelection {
    record AllColumns() implements ColumnSelection {
    }

    record Columns(List<String> names) implements ColumnSelection {
        public Columns {
            names = List.copyOf(names);
            names.forEach(n -> Identifiers.requireValidIdentifier(n, "column name"));
        }
    }

    ColumnSelection ALL = new AllColumns();

    static ColumnSelection of(List<String> names) {
        return new Columns(names);
    }
}
