package io.threefactor.engine.schema;

import io.threefactor.engine.catalog.EnumValue;

import java.util.List;

/** A GraphQL enum made from an enum table's rows, referenced by the columns that point at that table. */
public record EnumTypeRef(String typeName, List<EnumValue> values) {

    public EnumTypeRef {
        values = List.copyOf(values);
    }
}
