package io.threefactor.engine.execute;

import io.threefactor.engine.ir.Operation;
import io.threefactor.engine.sql.CompiledSql;

import java.util.List;
import io.threefactor.engine.ir.Mutation;
import io.threefactor.engine.ir.RootNode;

/**
 * A cached, ready-to-bind operation. A query is one statement ({@code sql}); a mutation is one step per root
 * field ({@code steps}), run in order in one transaction; an introspection answer is a constant.
 */
public record Plan(Operation operation, CompiledSql sql, List<MutationStep> steps, String constantData) {

    public Plan {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    public static Plan query(Operation operation, CompiledSql sql) {
        return new Plan(operation, sql, null, null);
    }

    public static Plan mutation(Operation operation, List<MutationStep> steps) {
        return new Plan(operation, null, steps, null);
    }

    public static Plan constant(String data) {
        return new Plan(null, null, null, data);
    }

    public boolean constant() {
        return constantData != null;
    }

    /** Whether the plan inserts through a {@code backend_only} permission (admin secret + header required). */
    public boolean backendOnly() {
        return operation != null && operation.roots().stream().anyMatch(r -> r instanceof RootNode.Mutate m
                && m.mutation() instanceof Mutation.Insert i && i.backendOnlyAnywhere());
    }

    public boolean mutation() {
        return operation != null && operation.kind() == Operation.Kind.MUTATION;
    }

    /**
     * One root field of a mutation: its statements (several for {@code update_t_many}, answered as a list),
     * or a constant ({@code __typename}); the database's errors are reported at {@code errorPath}.
     */
    public record MutationStep(String alias, List<CompiledSql> statements, boolean list, String constantJson,
                               String errorPath) {
        public MutationStep {
            statements = List.copyOf(statements);
        }
    }
}
