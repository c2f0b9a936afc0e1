package io.threefactor.engine.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.ir.Aggregation;
import io.threefactor.engine.ir.BoolExp;
import io.threefactor.engine.ir.CompareOp;
import io.threefactor.engine.ir.Operation;
import io.threefactor.engine.ir.ParamValue;
import io.threefactor.engine.ir.RootNode;
import io.threefactor.engine.ir.Selection;
import io.threefactor.engine.ir.SqlValue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which cohorts of a live query a change of known rows concerns. A table is <em>keyed</em> in an operation when
 * every root field reading it reads only its own rows of it, filtered by {@code primary key = value} (a variable, a
 * session variable or a literal): {@code t_by_pk(id: $id)}, {@code t(where: {id: {_eq: $id}})}, or
 * {@code t_aggregate} likewise. Such a root's result depends on one row of the table only, so a change of other rows
 * cannot change it. A cohort's key tuples are its values for those columns, in the text form Postgres prints for
 * the column type ({@code col::text}, what the change trigger sends); a value that has no such canonical form here
 * (types other than integers, uuid and text; a malformed value) makes every change of the table concern the cohort.
 */
final class CohortKeys {

    static final CohortKeys NONE = new CohortKeys(Map.of());
    private static final char SEPARATOR = '\u0000';
    /** Key column types whose text form {@link #canonical} reproduces. */
    private static final Set<String> TYPES = Set.of("smallint", "integer", "bigint", "uuid", "text", "character varying");

    /** The values of one root's primary key columns, in key order. */
    record KeyRef(List<SqlValue> columns) { }

    private final Map<QualifiedTable, List<KeyRef>> keyed;

    private CohortKeys(Map<QualifiedTable, List<KeyRef>> keyed) {
        this.keyed = keyed;
    }

    static CohortKeys of(Operation operation, Function<QualifiedTable, List<String>> primaryKey) {
        Map<QualifiedTable, List<KeyRef>> refs = new HashMap<>();
        Set<QualifiedTable> unkeyed = new HashSet<>();
        for (RootNode root : operation.roots()) {
            Set<QualifiedTable> reads = TableDependencies.of(root).tables();
            Selection own = ownRows(root);
            KeyRef key = own == null ? null : keyRef(own, primaryKey.apply(own.table()));
            boolean readsElsewhere = own == null || TableDependencies.beyondOwnRows(own, nodeFields(root)).tables()
                    .contains(own.table());
            for (QualifiedTable t : reads) {
                if (key != null && !readsElsewhere && t.equals(own.table())) {
                    refs.computeIfAbsent(t, k -> new ArrayList<>()).add(key);
                } else {
                    unkeyed.add(t);
                }
            }
        }
        unkeyed.forEach(refs::remove);
        return refs.isEmpty() ? NONE : new CohortKeys(Map.copyOf(refs));
    }

    boolean keyed(QualifiedTable table) {
        return keyed.containsKey(table);
    }

    Set<QualifiedTable> keyedTables() {
        return keyed.keySet();
    }

    /**
     * The key tuples by which changes of {@code table} concern a cohort with these variables and session
     * variables, or null when every change of the table concerns it.
     */
    Set<String> tuples(QualifiedTable table, JsonNode variables, JsonNode session, ObjectMapper json) {
        Set<String> out = new HashSet<>();
        for (KeyRef ref : keyed.getOrDefault(table, List.of())) {
            List<String> values = new ArrayList<>();
            for (SqlValue v : ref.columns()) {
                String text = canonical(value(v.source(), variables, session, json), v.pgType());
                if (text == null) {
                    return null;
                }
                values.add(text);
            }
            out.add(tuple(values));
        }
        return out;
    }

    /** A key tuple as compared: the values joined by NUL. */
    static String tuple(List<String> values) {
        return values.size() == 1 ? values.get(0) : String.join(String.valueOf(SEPARATOR), values);
    }

    private static JsonNode value(ParamValue source, JsonNode variables, JsonNode session, ObjectMapper json) {
        if (source instanceof ParamValue.Variable v) {
            return variables.get(v.name());
        } else if (source instanceof ParamValue.Session s) {
            return session.get(s.name());
        } else if (source instanceof ParamValue.Literal l) {
            return json.valueToTree(l.value());
        }
        return null;
    }

    /**
     * The value as {@code (value::type)::text} prints it, or null when that is not known here. The statement reads
     * a variable as {@code vars ->> name}: a JSON string's text, or a number's JSON text.
     */
    static String canonical(JsonNode value, String pgType) {
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.isTextual() ? value.textValue() : value.toString();
        return switch (pgType) {
            case "smallint", "integer", "bigint" -> integer(text);
            case "uuid" -> uuid(text);
            case "text", "character varying" -> text;
            default -> null;
        };
    }

    private static String integer(String text) {
        try {
            return new BigInteger(text.trim()).toString();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String uuid(String text) {
        String hex = text.trim().replace("-", "").toLowerCase(Locale.ROOT);
        if (hex.startsWith("{") && hex.endsWith("}")) {
            hex = hex.substring(1, hex.length() - 1);
        }
        if (hex.length() != 32 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return null;
        }
        return hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16) + '-'
                + hex.substring(16, 20) + '-' + hex.substring(20);
    }

    /** The rows a root field selects from its table (the aggregated rows of {@code t_aggregate}), or null. */
    private static Selection ownRows(RootNode root) {
        if (root instanceof RootNode.SelectOne o) {
            return o.selection();
        } else if (root instanceof RootNode.SelectMany m) {
            return m.selection();
        } else if (root instanceof RootNode.SelectAggregate a) {
            return a.aggregation().rows();
        }
        return null;
    }

    private static List<Selection.OutputField> nodeFields(RootNode root) {
        List<Selection.OutputField> out = new ArrayList<>();
        if (root instanceof RootNode.SelectAggregate a) {
            for (Aggregation.Field f : a.aggregation().fields()) {
                if (f instanceof Aggregation.Nodes n) {
                    out.addAll(n.fields());
                }
            }
        }
        return out;
    }

    /** The values the filter pins each primary key column to, or null if it does not pin all of them. */
    private static KeyRef keyRef(Selection s, List<String> primaryKey) {
        if (primaryKey.isEmpty() || s.source() != null) {
            return null;
        }
        List<BoolExp> conjuncts = new ArrayList<>();
        flatten(s.filter(), conjuncts);
        List<SqlValue> values = new ArrayList<>();
        for (String column : primaryKey) {
            SqlValue pinned = null;
            for (BoolExp e : conjuncts) {
                if (e instanceof BoolExp.Compare c && c.column().equals(column) && c.castTo() == null
                        && c.op() == CompareOp.EQ && !c.value().array() && !(c.value().source() instanceof ParamValue.ListOf)
                        && TYPES.contains(c.value().pgType())) {
                    pinned = c.value();
                    break;
                }
            }
            if (pinned == null) {
                return null;
            }
            values.add(pinned);
        }
        return new KeyRef(List.copyOf(values));
    }

    private static void flatten(BoolExp e, List<BoolExp> out) {
        if (e instanceof BoolExp.And a) {
            a.operands().forEach(x -> flatten(x, out));
        } else if (e != null) {
            out.add(e);
        }
    }
}
