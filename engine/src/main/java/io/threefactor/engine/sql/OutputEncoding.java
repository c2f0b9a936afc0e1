package io.threefactor.engine.sql;

import java.util.Set;

/**
 * How a value of a Postgres type enters the response JSON, as Hasura's {@code toJSONableExp}: PostGIS values as
 * GeoJSON with their long-form CRS, and, with stringified numerics, the types wider than a double's exact integers
 * (bigint, numeric, double precision, money) as JSON strings. Arrays are left as Postgres builds them.
 */
public final class OutputEncoding {

    private static final Set<String> BIG_NUMBERS = Set.of("int8", "numeric", "float8", "money");

    private final boolean stringifyNumerics;

    public OutputEncoding(boolean stringifyNumerics) {
        this.stringifyNumerics = stringifyNumerics;
    }

    /**
     * @param typeName the base type's internal name ({@code int8}, {@code geometry}), null when unknown
     * @param array    whether the value is an array of {@code typeName}
     */
    String json(String expression, String typeName, boolean array) {
        if (typeName == null || array) {
            return expression;
        }
        if ("geometry".equals(typeName) || "geography".equals(typeName)) {
            // 15 decimal digits, option 4: the long CRS (urn:ogc:def:crs:EPSG::4326), as Hasura prints it
            return "ST_AsGeoJSON(" + expression + ", 15, 4)::json";
        }
        if (stringifyNumerics && BIG_NUMBERS.contains(typeName)) {
            return "(" + expression + ")::text";
        }
        return expression;
    }
}
