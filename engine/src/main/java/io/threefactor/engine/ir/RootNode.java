package io.threefactor.engine.ir;

/** One root field of an operation, each one compiled into a part of the operation's single SQL statement. */
public sealed interface RootNode {

    String alias();

    /** {@code t(…)}: a JSON array of rows. */
    record SelectMany(String alias, Selection selection) implements RootNode { }

    /** {@code t_by_pk(…)}: one row or null. */
    record SelectOne(String alias, Selection selection) implements RootNode { }

    /** {@code t_aggregate(…)}. */
    record SelectAggregate(String alias, Aggregation aggregation) implements RootNode { }

    /** A mutation root field: the change and what it answers. */
    record Mutate(String alias, Mutation mutation, MutationOutput output) implements RootNode { }

    /** {@code update_t_many}: updates applied one after the other, answered as a list of responses. */
    record MutateMany(String alias, java.util.List<Mutate> steps) implements RootNode {
        public MutateMany { steps = java.util.List.copyOf(steps); }
    }

    /** A value known when planning ({@code __typename}, introspection), as JSON text. */
    record Constant(String alias, String json) implements RootNode { }
}
