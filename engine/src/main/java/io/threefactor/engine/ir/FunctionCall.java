package io.threefactor.engine.ir;

import io.threefactor.engine.catalog.QualifiedTable;

import java.util.List;

/** A call of a SQL function with named arguments, as a row source or a computed value. */
public record FunctionCall(QualifiedTable function, List<Argument> arguments) {

    public FunctionCall {
        arguments = List.copyOf(arguments);
    }

    /** One named argument. */
    public sealed interface Argument {
        String name();
    }

    /** A value the client passed (or its default, when omitted). */
    public record Value(String name, SqlValue value) implements Argument { }

    /** The row of the table a computed field belongs to. */
    public record Row(String name) implements Argument { }

    /** The session variables as a JSON object ({@code session_argument}). */
    public record SessionVariables(String name) implements Argument { }
}
