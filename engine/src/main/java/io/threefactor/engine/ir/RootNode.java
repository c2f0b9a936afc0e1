package io.threefactor.engine.ir;

import java.util.List;

/** One root field of an operation, each one compiled into a part of the operation's single SQL statement. */
public sealed interface RootNode {

    String alias();

    /** {@code t(…)}: a JSON array of rows. */
    record SelectMany(String alias, Selection selection) implements RootNode { }

    /** {@code t_by_pk(…)}: one row or null. */
    record SelectOne(String alias, Selection selection) implements RootNode { }

    /** {@code t_aggregate(…)}. */
    record SelectAggregate(String alias, Aggregation aggregation) implements RootNode { }

    /**
     * A mutation root field: the change and what it answers. {@code errorPath} is where the database's errors are
     * reported ({@code $.selectionSet.insert_t.args.objects} for inserts, as in Hasura; {@code $} otherwise).
     */
    record Mutate(String alias, Mutation mutation, MutationOutput output, String errorPath) implements RootNode {

        public Mutate(String alias, Mutation mutation, MutationOutput output) {
            this(alias, mutation, output, "$");
        }
    }

    /** {@code update_t_many}: updates applied one after the other, answered as a list of responses. */
    record MutateMany(String alias, List<Mutate> steps) implements RootNode {
        public MutateMany { steps = List.copyOf(steps); }
    }

    /**
     * {@code t_stream(…)}: a batch of rows after a cursor, as a JSON array like {@link SelectMany}. The selection
     * already filters {@code cursorColumn > $__tf_cursor} (or {@code <} when descending), orders by it and limits
     * to the batch size; its last output field ({@link #CURSOR_FIELD}) carries the row's cursor value.
     */
    record SelectStream(String alias, Selection selection, String cursorColumn, boolean descending,
                        ParamValue initialValue) implements RootNode {
        /** The variable holding the current cursor value, bound by the stream for each batch. */
        public static final String CURSOR_VARIABLE = "__tf_cursor";
        /** The hidden output field with the row's cursor value, removed before rows are sent. */
        public static final String CURSOR_FIELD = "__tf_cursor";
    }

    /** A value known when planning ({@code __typename}, introspection), as JSON text. */
    record Constant(String alias, String json) implements RootNode { }
}
