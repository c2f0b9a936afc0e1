package io.threefactor.engine.catalog;

/** A table, view or function name qualified by its Postgres schema. */
public record QualifiedTable(String schema, String name) implements Comparable<QualifiedTable> {

    public static QualifiedTable of(String schema, String name) {
        return new QualifiedTable(schema, name);
    }

    /** Hasura's default GraphQL name: the bare name in {@code public}, {@code schema_name} elsewhere. */
    public String defaultGraphqlName() {
        return "public".equals(schema) ? name : schema + "_" + name;
    }

    @Override
    public int compareTo(QualifiedTable o) {
        int c = schema.compareTo(o.schema);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
