package io.threefactor.engine.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A Postgres function as the schema needs it: its input arguments, what it returns and its volatility.
 *
 * @param returnType     the returned type's name (a table's row type when {@code returnsTable})
 * @param defaults       how many trailing arguments have defaults
 * @param volatility     {@code i} immutable, {@code s} stable, {@code v} volatile
 */
public record FunctionInfo(QualifiedTable name, List<Argument> arguments, int defaults, boolean returnsSet,
                           QualifiedTable returnType, boolean returnsTable, String returnBaseType, String volatility,
                           String comment) {

    public FunctionInfo {
        arguments = List.copyOf(arguments);
    }

    /**
     * An input argument; {@code pgType} is castable text, {@code typeName} the base type's name, {@code composite}
     * whether that is a row type; an unnamed argument's name is empty.
     */
    public record Argument(String name, String pgType, String typeName, boolean array, boolean composite,
                           boolean hasDefault) { }

    public Optional<Argument> argument(String argName) {
        return arguments.stream().filter(a -> a.name().equals(argName)).findFirst();
    }
}
