package io.threefactor.triggers.capture;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.threefactor.triggers.definition.Identifiers.quote;

/**
 * How a row becomes the {@code old}/{@code new} JSON of an event, as Hasura's trigger functions write it
 * (server/src-lib/Hasura/Backends/Postgres/DDL/EventTrigger.hs, {@code mkTriggerFunctionQ}, with
 * {@code toJSONableExp}): geometry and geography as GeoJSON ({@code ST_AsGeoJSON(col, 15, 4)}: 15 decimal digits,
 * with the CRS), and, when numeric types are stringified ({@code HASURA_GRAPHQL_STRINGIFY_NUMERIC_TYPES}), bigint,
 * numeric, double precision and money as strings, so no JSON reader loses their precision.
 *
 * @param stringifyNumbers whether the big numeric types are delivered as strings
 */
public record PayloadColumns(boolean stringifyNumbers) {

    private static final Set<String> GEOGRAPHIC = Set.of("geometry", "geography");
    private static final Set<String> BIG_NUMERIC = Set.of("int8", "numeric", "float8", "money");

    /** The JSON of {@code row} ({@code NEW} or {@code OLD}) with {@code columns} ({@code null}: every column). */
    String json(String row, List<String> columns, TableShape shape) {
        List<String> names = columns == null ? shape.columns() : columns;
        if (columns == null && names.stream().noneMatch(c -> converted(shape.type(c)))) {
            return "row_to_json(" + row + ")";
        }
        // A sub-select keeps the column names as JSON keys, as Hasura does.
        return "row_to_json((SELECT r FROM (SELECT " + names.stream()
                .map(c -> value(row + "." + quote(c), shape.type(c)) + " AS " + quote(c))
                .collect(Collectors.joining(", ")) + ") r))";
    }

    private boolean converted(String type) {
        return type != null && (GEOGRAPHIC.contains(type) || stringifyNumbers && BIG_NUMERIC.contains(type));
    }

    private String value(String column, String type) {
        if (type != null && GEOGRAPHIC.contains(type)) {
            return "ST_AsGeoJSON(" + column + ", 15, 4)::json";
        }
        if (type != null && stringifyNumbers && BIG_NUMERIC.contains(type)) {
            return column + "::text";
        }
        return column;
    }
}
