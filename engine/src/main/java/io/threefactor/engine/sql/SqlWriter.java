package io.threefactor.engine.sql;

import io.threefactor.engine.ir.ParamValue;
import io.threefactor.engine.ir.SqlValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Accumulates SQL text, numbers parameters (sharing equal ones) and hands out fresh table aliases. */
public final class SqlWriter {

    private final StringBuilder sql = new StringBuilder(512);
    private final List<BoundParam> params = new ArrayList<>();
    private final Map<BoundParam, Integer> indexes = new HashMap<>();
    private int aliases;

    public SqlWriter append(String text) {
        sql.append(text);
        return this;
    }

    public SqlWriter append(char c) {
        sql.append(c);
        return this;
    }

    public String newAlias() {
        return "_t" + (aliases++);
    }

    /** {@code $n}, reusing the number of an equal parameter. */
    public String param(ParamValue source, boolean array) {
        BoundParam p = new BoundParam(source, array);
        Integer index = indexes.get(p);
        if (index == null) {
            params.add(p);
            index = params.size();
            indexes.put(p, index);
        }
        return "$" + index;
    }

    /**
     * A parameter cast to its SQL type. Every parameter travels as text (or text[]) and Postgres parses it,
     * so a bad value becomes a Postgres data exception instead of a client-side coercion failure.
     */
    public String value(SqlValue v) {
        String p = param(v.source(), v.array());
        String type = v.pgType();
        if (v.array()) {
            return p + "::text[]::" + type + "[]";
        }
        return switch (type) {
            case "geometry" -> "ST_GeomFromGeoJSON(" + p + "::text)";
            case "geography" -> "ST_GeomFromGeoJSON(" + p + "::text)::geography";
            case "text" -> p + "::text";
            default -> p + "::text::" + type;
        };
    }

    public CompiledSql build() {
        return new CompiledSql(sql.toString(), params);
    }
}
