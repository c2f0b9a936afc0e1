package io.threefactor.engine.sql;

import io.threefactor.engine.ir.ParamValue;
import io.threefactor.engine.ir.SqlValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.threefactor.engine.catalog.QualifiedTable;

/**
 * Accumulates SQL text, numbers parameters (sharing equal ones) and hands out fresh table aliases.
 *
 * <p>In cohort mode (multiplexed live queries) variables and session variables are not parameters: they are
 * read from the current cohort row {@code _c(id, vars, sess)}, so one statement answers many subscribers.
 */
public final class SqlWriter {

    static final String COHORT = "_c";

    private final StringBuilder sql = new StringBuilder(512);
    private final List<BoundParam> params = new ArrayList<>();
    private final Map<BoundParam, Integer> indexes = new HashMap<>();
    private final int reserved;
    private final boolean cohorts;
    private int aliases;
    private final Map<QualifiedTable, String> sources = new HashMap<>();

    public SqlWriter() {
        this(0, false);
    }

    /** @param reserved parameters {@code $1..$reserved} the caller binds itself */
    SqlWriter(int reserved, boolean cohorts) {
        this.reserved = reserved;
        this.cohorts = cohorts;
    }

    public SqlWriter append(String text) {
        sql.append(text);
        return this;
    }

    /**
     * Reads of {@code table} come from {@code source} instead, e.g. the table plus the rows a mutation of the
     * same statement inserted, which a plain read would not see yet.
     */
    void overrideSource(QualifiedTable table, String source) {
        sources.put(table, source);
    }

    /** The FROM item for reading a table. */
    String source(QualifiedTable table) {
        String override = sources.get(table);
        return override != null ? override : Sql.table(table);
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
            index = reserved + params.size();
            indexes.put(p, index);
        }
        return "$" + index;
    }

    /**
     * A value cast to its SQL type. Every value travels as text (or text[]) and Postgres parses it, so a bad
     * value becomes a Postgres data exception instead of a client-side coercion failure.
     */
    public String value(SqlValue v) {
        String type = castType(v.pgType());
        String text = v.array() ? textArray(v.source())
                : "json".equals(type) || "jsonb".equals(type) ? jsonText(v.source()) : text(v.source());
        if (v.array()) {
            return text + "::" + type + "[]";
        }
        return switch (type) {
            case "geometry" -> "ST_GeomFromGeoJSON(" + text + ")";
            case "geography" -> "ST_GeomFromGeoJSON(" + text + ")::geography";
            case "text" -> text;
            default -> text + "::" + type;
        };
    }

    /** A text expression for a scalar value. */
    private String text(ParamValue source) {
        if (cohorts && source instanceof ParamValue.SessionJson) {
            return "(" + COHORT + ".sess)::text";
        }
        if (cohorts && source instanceof ParamValue.Variable v) {
            return "(" + COHORT + ".vars ->> " + Sql.literal(v.name()) + ")";
        }
        if (cohorts && source instanceof ParamValue.Session s) {
            return "(" + COHORT + ".sess ->> " + Sql.literal(s.name()) + ")";
        }
        return param(source, false) + "::text";
    }

    /**
     * The type to cast to: {@code character} and {@code bit} without their length mean length 1 in a cast, which
     * would truncate; their unbounded forms keep the value for the column to check.
     */
    private static String castType(String pgType) {
        return switch (pgType) {
            case "character" -> "bpchar";
            case "bit" -> "varbit";
            default -> pgType;
        };
    }

    /** The JSON text of a literal or variable; other sources (session) are JSON text already. */
    private String jsonText(ParamValue source) {
        if (cohorts && source instanceof ParamValue.Variable v) {
            return "(" + COHORT + ".vars -> " + Sql.literal(v.name()) + ")::text";
        }
        if (source instanceof ParamValue.Literal || source instanceof ParamValue.Variable) {
            return param(new ParamValue.AsJson(source), false) + "::text";
        }
        return text(source);
    }

    /** A text[] expression for a list value. */
    private String textArray(ParamValue source) {
        if (cohorts && source instanceof ParamValue.Variable v) {
            return "ARRAY(SELECT json_array_elements_text(" + COHORT + ".vars -> " + Sql.literal(v.name()) + "))";
        }
        if (cohorts && source instanceof ParamValue.Session s) {
            return "(" + COHORT + ".sess ->> " + Sql.literal(s.name()) + ")::text[]";
        }
        if (cohorts && source instanceof ParamValue.ListOf l) {
            List<String> items = new ArrayList<>();
            l.items().forEach(item -> items.add(text(item)));
            return "ARRAY[" + String.join(", ", items) + "]::text[]";
        }
        return param(source, true) + "::text[]";
    }

    public CompiledSql build() {
        return new CompiledSql(sql.toString(), params);
    }
}
