package io.threefactor.engine.schema;

import io.threefactor.engine.catalog.FunctionInfo;
import io.threefactor.engine.catalog.QualifiedTable;

import java.util.List;

/**
 * A computed field as the table model keeps it: resolved against the catalog but naming its result table
 * (if any) by name, since table models are built one at a time.
 */
public record ComputedFieldRef(String name, FunctionInfo function, String tableArgument, String sessionArgument,
                               List<FunctionInfo.Argument> userArguments, QualifiedTable returnsTable,
                               String scalarType, String comment) {

    public ComputedFieldRef {
        userArguments = List.copyOf(userArguments);
    }

    public FunctionModel resolve(TableModel returns) {
        return new FunctionModel(name, function, tableArgument, sessionArgument, userArguments, returns, scalarType, comment);
    }
}
