package io.threefactor.engine.metadata;

import java.util.regex.Pattern;

/** GraphQL's name grammar ({@code /[_A-Za-z][_0-9A-Za-z]*\/}) and Hasura's messages for names that break it. */
public final class GraphqlNames {

    private static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]*");

    private GraphqlNames() { }

    public static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Hasura's parse error for a custom name (root field, column, type) that is not a GraphQL name. */
    public static String notValid(String name) {
        return name + " is not valid GraphQL name";
    }

    /** Hasura's schema-building error for a database name that cannot be a GraphQL field without a custom name. */
    public static String cannotInclude(String name) {
        return "cannot include \"" + name + "\" in the GraphQL schema because  it is not a valid GraphQL identifier";
    }

    /** Hasura's error for a database type whose name cannot name a GraphQL scalar. */
    public static String cannotUseType(String type) {
        return "cannot use SQL type \"" + type + "\" in the GraphQL schema because its name is not a valid GraphQL "
                + "identifier";
    }
}
