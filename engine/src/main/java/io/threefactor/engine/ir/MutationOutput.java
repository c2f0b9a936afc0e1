package io.threefactor.engine.ir;

import java.util.List;

/** What a mutation root field answers: Hasura's mutation response, or the one affected row (or null). */
public sealed interface MutationOutput {

    /** {@code t_mutation_response}: {@code affected_rows}, {@code returning}, {@code __typename}. */
    record Response(List<ResponseField> fields) implements MutationOutput {
        public Response { fields = List.copyOf(fields); }
    }

    /** {@code insert_t_one}, {@code update_t_by_pk}, {@code delete_t_by_pk}: the row's fields. */
    record Single(List<Selection.OutputField> fields, BoolExp selectFilter) implements MutationOutput {
        public Single { fields = List.copyOf(fields); }
    }

    sealed interface ResponseField {
        String alias();
    }

    record AffectedRows(String alias) implements ResponseField { }

    record ResponseTypename(String alias, String typename) implements ResponseField { }

    /** The affected rows the role may select, as row objects. */
    record Returning(String alias, List<Selection.OutputField> fields, BoolExp selectFilter) implements ResponseField {
        public Returning { fields = List.copyOf(fields); }
    }
}
