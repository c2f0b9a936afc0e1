package io.threefactor.triggers.definition;

import java.util.Objects;

/** A table as Hasura names it: {@code {"schema": "public", "name": "t"}}. */
public record QualifiedTable(String schema, String name) {
    public QualifiedTable {
        Objects.requireNonNull(name, "table name");
        schema = schema == null || schema.isEmpty() ? "public" : schema;
        Identifiers.requireValidIdentifier(schema, "schema name");
        Identifiers.requireValidIdentifier(name, "table name");
    }

    /** {@code "schema"."name"}, quoted for SQL. */
    public String quoted() {
        return Identifiers.quote(schema) + "." + Identifiers.quote(name);
    }
}
