package io.threefactor.engine.plan;

import io.threefactor.engine.ir.FunctionCall;
import io.threefactor.engine.schema.ComputedFieldRef;

import java.util.ArrayList;
import java.util.List;

/** Calls of computed fields that take no client arguments, as filters and orderings use them. */
final class ComputedCalls {

    private ComputedCalls() { }

    /** {@code f(row[, session])}: the row and, if the field has one, the session argument. */
    static FunctionCall ofRow(ComputedFieldRef ref) {
        List<FunctionCall.Argument> args = new ArrayList<>();
        args.add(new FunctionCall.Row(ref.tableArgument()));
        if (ref.sessionArgument() != null) {
            args.add(new FunctionCall.SessionVariables(ref.sessionArgument()));
        }
        return new FunctionCall(ref.function().name(), args);
    }
}
