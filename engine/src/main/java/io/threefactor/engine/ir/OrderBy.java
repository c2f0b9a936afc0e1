package io.threefactor.engine.ir;

import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.schema.JoinColumn;

import java.util.List;

/** One {@code order_by} term. */
public record OrderBy(Target target, boolean descending, boolean nullsFirst) {

    /** What is ordered on: a column, a column reached through object relationships, or an aggregate. */
    public sealed interface Target { }

    public record Column(String column) implements Target { }

    /** Order by {@code inner} evaluated on the row an object relationship points at. */
    public record ThroughObject(QualifiedTable target, List<JoinColumn> join, BoolExp targetFilter, Target inner)
            implements Target { }

    /** Order by an aggregate ({@code count} when {@code column} is null) of an array relationship's rows. */
    public record ArrayAggregate(QualifiedTable target, List<JoinColumn> join, BoolExp targetFilter,
                                 String function, String column) implements Target { }

    /** Order by a scalar computed field of the row. */
    public record Computed(FunctionCall call) implements Target { }

    /** Order by an aggregate ({@code count} when {@code column} is null) of the rows a computed field returns. */
    public record ComputedAggregate(FunctionCall call, BoolExp targetFilter, String function, String column)
            implements Target { }

    /** Hasura's enum values: asc = nulls last, desc = nulls first, unless stated. */
    public static OrderBy of(Target target, String direction) {
        boolean desc = direction.startsWith("desc");
        boolean nullsFirst = direction.endsWith("nulls_first") || (desc && !direction.endsWith("nulls_last"));
        return new OrderBy(target, desc, nullsFirst);
    }
}
