package io.threefactor.engine.ir;

import java.util.List;

/** A {@code t_aggregate} selection: aggregates over the selected rows and, optionally, the rows themselves. */
public record Aggregation(Selection rows, List<Field> fields) {

    public Aggregation {
        fields = List.copyOf(fields);
    }

    /** A field of {@code t_aggregate}. */
    public sealed interface Field {
        String alias();
    }

    public record Typename(String alias, String value) implements Field { }

    /** {@code nodes}: the rows, built with {@link Selection#fields()} of a selection. */
    public record Nodes(String alias, List<Selection.OutputField> fields) implements Field {
        public Nodes { fields = List.copyOf(fields); }
    }

    /** {@code aggregate { … }}. */
    public record Aggregates(String alias, List<AggregateField> fields) implements Field {
        public Aggregates { fields = List.copyOf(fields); }
    }

    /** A field of {@code t_aggregate_fields}. */
    public sealed interface AggregateField {
        String alias();
    }

    public record AggregateTypename(String alias, String value) implements AggregateField { }

    /** {@code count(columns, distinct)}; no columns counts rows. */
    public record Count(String alias, List<String> columns, boolean distinct) implements AggregateField {
        public Count { columns = List.copyOf(columns); }
    }

    /** {@code sum { a b }} and the like: one function over several columns. */
    public record ColumnsFunction(String alias, String function, List<ColumnOrTypename> columns)
            implements AggregateField {
        public ColumnsFunction { columns = List.copyOf(columns); }
    }

    /**
     * An output of a {@link ColumnsFunction}: a column (typename null) or {@code __typename}. {@code columnType} is
     * the column's base type: Hasura encodes every aggregate of a column as a value of the column's type.
     */
    public record ColumnOrTypename(String alias, String column, String columnType, String typename) { }
}
