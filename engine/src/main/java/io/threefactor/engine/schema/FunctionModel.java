package io.threefactor.engine.schema;

import io.threefactor.engine.catalog.FunctionInfo;

import java.util.List;

/**
 * A tracked function or a computed field, resolved: the function, which argument takes the row and which the
 * session, the arguments left for the client, and what it returns (a tracked table's rows, or a scalar).
 *
 * @param returns     the table whose rows it returns, or null for a scalar computed field
 * @param scalarType  the base type of a scalar result, or null
 * @param mutation    a tracked function exposed as a mutation (it runs in the mutation's transaction)
 */
public record FunctionModel(String name, FunctionInfo function, String tableArgument, String sessionArgument,
                            List<FunctionInfo.Argument> userArguments, TableModel returns, String scalarType,
                            String description, String aggregateName, boolean mutation) {

    public FunctionModel {
        userArguments = List.copyOf(userArguments);
    }

    /** A computed field or a query function with the default aggregate name. */
    public FunctionModel(String name, FunctionInfo function, String tableArgument, String sessionArgument,
                         List<FunctionInfo.Argument> userArguments, TableModel returns, String scalarType,
                         String description) {
        this(name, function, tableArgument, sessionArgument, userArguments, returns, scalarType, description,
                name + "_aggregate", false);
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
