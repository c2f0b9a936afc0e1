package io.threefactor.engine.schema;

import graphql.Scalars;
import graphql.schema.GraphQLScalarType;
import io.threefactor.engine.catalog.ColumnInfo;
import io.threefactor.engine.catalog.FunctionInfo;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Hasura's mapping of Postgres types to GraphQL scalar names, and the scalar types themselves. */
public final class PgScalars {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("int4", "Int"), Map.entry("int2", "smallint"), Map.entry("int8", "bigint"),
            Map.entry("float8", "float8"), Map.entry("float4", "float4"), Map.entry("numeric", "numeric"),
            Map.entry("bool", "Boolean"), Map.entry("text", "String"), Map.entry("varchar", "String"),
            Map.entry("bpchar", "bpchar"), Map.entry("name", "name"), Map.entry("uuid", "uuid"),
            Map.entry("json", "json"), Map.entry("jsonb", "jsonb"), Map.entry("timestamptz", "timestamptz"),
            Map.entry("timestamp", "timestamp"), Map.entry("date", "date"), Map.entry("time", "time"),
            Map.entry("timetz", "timetz"), Map.entry("interval", "interval"), Map.entry("bytea", "bytea"),
            Map.entry("oid", "oid"), Map.entry("money", "money"), Map.entry("citext", "citext"),
            Map.entry("geometry", "geometry"), Map.entry("geography", "geography"), Map.entry("inet", "inet"));

    private static final Set<String> NUMERIC = Set.of("Int", "smallint", "bigint", "float8", "float4", "numeric", "money");
    private static final Set<String> TEXTUAL = Set.of("String", "bpchar", "name", "citext");
    private static final Set<String> NOT_ORDERED = Set.of("json", "jsonb", "Boolean", "geometry", "geography", "bytea");

    private final Map<String, GraphQLScalarType> custom = new ConcurrentHashMap<>();

    /** The GraphQL scalar name Hasura uses for a column's (element) type. */
    public static String scalarName(ColumnInfo column) {
        return scalarName(column.typeName());
    }

    /**
     * The scalar of a function argument: a row type's name gets {@code _scalar}, as in Hasura, so it cannot clash with
     * the object type of a tracked table of that name.
     */
    public static String scalarName(FunctionInfo.Argument argument) {
        return argument.composite() ? argument.typeName() + "_scalar" : scalarName(argument.typeName());
    }

    public static String scalarName(String pgTypeName) {
        return NAMES.getOrDefault(pgTypeName, pgTypeName);
    }

    public static boolean numeric(String scalar) {
        return NUMERIC.contains(scalar);
    }

    public static boolean textual(String scalar) {
        return TEXTUAL.contains(scalar);
    }

    /** Whether {@code min}/{@code max} apply (Hasura offers them for numbers, strings and times). */
    public static boolean ordered(String scalar) {
        return !NOT_ORDERED.contains(scalar);
    }

    public GraphQLScalarType scalar(String name) {
        switch (name) {
            case "Int": return IntScalar.INT;
            case "Float": return Scalars.GraphQLFloat;
            case "String": return Scalars.GraphQLString;
            case "Boolean": return Scalars.GraphQLBoolean;
            case "ID": return Scalars.GraphQLID;
            default:
                return custom.computeIfAbsent(name, n -> GraphQLScalarType.newScalar()
                        .name(n).coercing(PassThroughCoercing.INSTANCE).build());
        }
    }
}
