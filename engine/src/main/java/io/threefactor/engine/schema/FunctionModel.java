package io.threefactor.engine.schema;

import io.threefactor.engine.catalog.FunctionInfo;

import java.util.List;

/**
 * A tracked function or a computed field, resolved: the function, which argument takes the row and which the
 * session, the arguments left for the client, and what it returns (a tracked table's rows, or a scalar).
 *
 * @param returns     the table whose rows it returns, or null for a scalar computed field
 * @param scalarType  the base type of a scalar result, or null
 */
public record FunctionModel(String name, FunctionInfo function, String tableArgument, String sessionArgument,
                            List<FunctionInfo.Argument> userArguments, TableModel returns, String scalarType,
                            String description) {

    public FunctionModel {
        userArguments = List.copyOf(userArguments);
    }

    public boolean returnsRows() {
        return returns != null;
    }

    /** The GraphQL input type of its arguments: {@code <function>_args}. */
    public String argumentsTypeName() {
        return function.name().defaultGraphqlName() + "_args";
    }

    public boolean argumentsRequired() {
        return userArguments.stream().anyMatch(a -> !a.hasDefault());
    }
}
