package io.threefactor.engine.plan;

import io.threefactor.engine.catalog.ColumnInfo;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.ir.BoolExp;
import io.threefactor.engine.ir.CompareOp;
import io.threefactor.engine.ir.SqlValue;
import io.threefactor.engine.metadata.MetadataParser;
import io.threefactor.engine.schema.RelationshipModel;
import io.threefactor.engine.schema.TableModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.threefactor.engine.error.PlanningException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threefactor.engine.ir.FunctionCall;
import io.threefactor.engine.ir.ParamValue;
import io.threefactor.engine.schema.ComputedFieldRef;

/**
 * Compiles Hasura boolean expressions ({@code where} arguments and permission filters) into {@link BoolExp}.
 * GraphQL arguments name fields as the schema shows them and pass through the role's permissions on related
 * tables; permission filters name Postgres columns and see every tracked table.
 */
public final class BoolExpPlanner {

    public enum Mode { GRAPHQL, PERMISSION }

    /** A permission's column comparison operators and the comparison each makes. */
    private static final Map<String, CompareOp> COLUMN_OPERATORS = Map.of("_ceq", CompareOp.EQ, "_cne", CompareOp.NEQ,
            "_cgt", CompareOp.GT, "_clt", CompareOp.LT, "_cgte", CompareOp.GTE, "_clte", CompareOp.LTE);

    /** What {@code _cast} offers per column type: the target's field name and the SQL type cast to. */
    private static final Map<String, Map<String, String>> CASTS = Map.of("jsonb", Map.of("String", "text"),
            "geometry", Map.of("geography", "geography"), "geography", Map.of("geometry", "geometry"));

    private final TableLookup tables;
    private final Mode mode;

    public BoolExpPlanner(TableLookup tables, Mode mode) {
        this.tables = tables;
        this.mode = mode;
    }

    /**
     * The filter {@code input} describes on rows of {@code table}. A permission whose column comparisons reference
     * its own table's row ({@code ["$", column]}) is wrapped in {@link BoolExp.Root}, the scope they resolve in.
     */
    public BoolExp plan(TableModel table, Input input, String path) {
        BoolExp e = expression(table, input, path);
        return mode == Mode.PERMISSION && referencesRoot(e) ? new BoolExp.Root(e) : e;
    }

    private static boolean referencesRoot(BoolExp e) {
        if (e instanceof BoolExp.ColumnCompare c) {
            return c.otherAtRoot();
        } else if (e instanceof BoolExp.And a) {
            return a.operands().stream().anyMatch(BoolExpPlanner::referencesRoot);
        } else if (e instanceof BoolExp.Or o) {
            return o.operands().stream().anyMatch(BoolExpPlanner::referencesRoot);
        } else if (e instanceof BoolExp.Not n) {
            return referencesRoot(n.operand());
        } else if (e instanceof BoolExp.Related r) {
            return referencesRoot(r.where());
        } else if (e instanceof BoolExp.ComputedRows c) {
            return referencesRoot(c.where());
        } else if (e instanceof BoolExp.Exists x) {
            return referencesRoot(x.where());
        }
        return false;
    }

    private BoolExp expression(TableModel table, Input input, String path) {
        if (input instanceof Input.Null) {
            return BoolExp.TRUE;
        }
        if (!(input instanceof Input.ObjectInput object)) {
            throw PlanningException.validation("expected an object for type '" + table.typeName() + "_bool_exp'", path);
        }
        List<BoolExp> terms = new ArrayList<>();
        for (Map.Entry<String, Input> e : object.fields().entrySet()) {
            String key = e.getKey();
            Input value = e.getValue();
            String at = path + "." + key;
            switch (key) {
                case "_and" -> terms.add(new BoolExp.And(list(table, value, at)));
                case "_or" -> terms.add(new BoolExp.Or(list(table, value, at)));
                case "_not" -> terms.add(new BoolExp.Not(expression(table, value, at)));
                case "_exists" -> terms.add(exists(value, at));
                default -> terms.add(field(table, key, value, at));
            }
        }
        return terms.size() == 1 ? terms.get(0) : new BoolExp.And(terms);
    }

    private List<BoolExp> list(TableModel table, Input value, String path) {
        List<BoolExp> out = new ArrayList<>();
        if (value instanceof Input.ListInput l) {
            for (int i = 0; i < l.items().size(); i++) {
                out.add(expression(table, l.items().get(i), path + "[" + i + "]"));
            }
        } else if (!(value instanceof Input.Null)) {
            out.add(expression(table, value, path));
        }
        return out;
    }

    private BoolExp exists(Input value, String path) {
        if (!(value instanceof Input.ObjectInput o) || !o.fields().containsKey("_table")) {
            throw PlanningException.validation("_exists needs _table and _where", path);
        }
        Object tableSpec = Constants.require(o.fields().get("_table"));
        QualifiedTable name = MetadataParser.qualifiedTable(
                new ObjectMapper().valueToTree(tableSpec));
        TableModel target = tables.anyTable(name);
        if (target == null) {
            throw PlanningException.validation("table " + name + " is not tracked", path + "._table");
        }
        return new BoolExp.Exists(name, expression(target, o.fields().getOrDefault("_where", Input.NULL), path + "._where"));
    }

    private BoolExp field(TableModel table, String key, Input value, String path) {
        ColumnInfo column = column(table, key);
        if (column != null) {
            return columnComparison(column, value, path);
        }
        ComputedFieldRef computed = table.computedFields().get(key);
        if (computed != null && computed.scalarType() != null && computed.userArguments().isEmpty()) {
            return computedComparison(computed, value, path);
        }
        if (computed != null && computed.returnsTable() != null && computed.userArguments().isEmpty()) {
            TableModel target = mode == Mode.GRAPHQL ? tables.roleTable(computed.returnsTable()) : tables.anyTable(computed.returnsTable());
            BoolExp where = expression(target, value, path);
            if (mode == Mode.GRAPHQL) {
                where = BoolExp.and(where, tables.selectFilter(target));
            }
            return new BoolExp.ComputedRows(ComputedCalls.ofRow(computed), where);
        }
        RelationshipModel rel = table.relationships().get(key);
        if (rel != null) {
            TableModel target = mode == Mode.GRAPHQL ? tables.roleTable(rel.target()) : tables.anyTable(rel.target());
            BoolExp where = expression(target, value, path);
            if (mode == Mode.GRAPHQL) {
                where = BoolExp.and(where, tables.selectFilter(target));
            }
            return new BoolExp.Related(rel.target(), rel.join(), where);
        }
        throw PlanningException.validation("field '" + key + "' not found in type: '" + table.typeName() + "_bool_exp'", path);
    }

    /** {@code computed_field: {_op: value}}: the function of the row compared like a column. */
    private BoolExp computedComparison(ComputedFieldRef ref, Input value, String path) {
        if (!(value instanceof Input.ObjectInput ops)) {
            return BoolExp.TRUE;
        }
        FunctionCall call = ComputedCalls.ofRow(ref);
        String type = ref.function().returnBaseType();
        List<BoolExp> terms = new ArrayList<>();
        for (Map.Entry<String, Input> e : ops.fields().entrySet()) {
            CompareOp op = CompareOp.byName(e.getKey())
                    .orElseThrow(() -> PlanningException.validation("unknown operator '" + e.getKey() + "'", path + "." + e.getKey()));
            SqlValue v = op.takesList() ? SqlValue.list(Constants.param(e.getValue()), type) : SqlValue.of(Constants.param(e.getValue()), type);
            terms.add(new BoolExp.ComputedCompare(call, op, v));
        }
        return terms.size() == 1 ? terms.get(0) : new BoolExp.And(terms);
    }

    private ColumnInfo column(TableModel table, String key) {
        if (mode == Mode.GRAPHQL) {
            return table.columns().get(key);
        }
        return table.info().column(key).orElse(null);
    }

    private BoolExp columnComparison(ColumnInfo column, Input value, String path) {
        if (value instanceof Input.Null) {
            return BoolExp.TRUE;
        }
        if (!(value instanceof Input.ObjectInput ops)) {
            throw PlanningException.validation("expected a comparison expression", path);
        }
        List<BoolExp> terms = new ArrayList<>();
        for (Map.Entry<String, Input> e : ops.fields().entrySet()) {
            terms.add(operator(column, null, e.getKey(), e.getValue(), path + "." + e.getKey()));
        }
        return terms.size() == 1 ? terms.get(0) : new BoolExp.And(terms);
    }

    private BoolExp operator(ColumnInfo column, String castTo, String op, Input value, String path) {
        String type = castTo != null ? castTo : valueType(column);
        CompareOp columnOp = mode == Mode.PERMISSION ? COLUMN_OPERATORS.get(op) : null;
        if (columnOp != null) {
            return columnComparison(column, columnOp, value, path);
        }
        switch (op) {
            case "_is_null":
                return new BoolExp.IsNull(column.name(), SqlValue.of(Constants.param(value), "boolean"));
            case "_cast":
                return cast(column, value, path);
            case "_st_d_within", "_st_3d_d_within":
                return dWithin(column, castTo, "_st_3d_d_within".equals(op), value, path);
            default:
                break;
        }
        CompareOp compare = CompareOp.byName(op)
                .orElseThrow(() -> PlanningException.validation("unknown operator '" + op + "'", path));
        if (value instanceof Input.Null) {
            return BoolExp.TRUE;
        }
        SqlValue sqlValue = switch (compare) {
            case IN, NIN -> SqlValue.list(Constants.param(value), type);
            case HAS_KEY -> SqlValue.of(Constants.param(value), "text");
            case HAS_KEYS_ANY, HAS_KEYS_ALL -> SqlValue.list(Constants.param(value), "text");
            // ltree's: arrays of ltree paths, lquery patterns, an ltxtquery
            case ANCESTOR_ANY, DESCENDANT_ANY -> SqlValue.list(Constants.param(value), "ltree");
            case MATCHES -> SqlValue.of(Constants.param(value), "lquery");
            case MATCHES_ANY -> SqlValue.list(Constants.param(value), "lquery");
            case MATCHES_FULLTEXT -> SqlValue.of(Constants.param(value), "ltxtquery");
            // Array columns compare with whole arrays: bound as text[] and cast to the element type's array.
            default -> column.array() && castTo == null ? SqlValue.list(Constants.param(value), type)
                    : SqlValue.of(Constants.param(value), type);
        };
        return new BoolExp.Compare(column.name(), castTo, compare, sqlValue);
    }

    /**
     * {@code _cast}: jsonb's {@code {String: {…}}} compares the column cast to text, geometry's {@code {geography: …}}
     * and geography's {@code {geometry: …}} the column cast to the other PostGIS type.
     */
    private BoolExp cast(ColumnInfo column, Input value, String path) {
        if (!(value instanceof Input.ObjectInput o)) {
            throw PlanningException.validation("expected an object for _cast", path);
        }
        List<BoolExp> terms = new ArrayList<>();
        for (Map.Entry<String, Input> target : o.fields().entrySet()) {
            String castTo = CASTS.getOrDefault(column.typeName(), Map.of()).get(target.getKey());
            if (castTo == null || !(target.getValue() instanceof Input.ObjectInput ops)) {
                throw PlanningException.validation("cannot cast to " + target.getKey(), path);
            }
            for (Map.Entry<String, Input> e : ops.fields().entrySet()) {
                terms.add(operator(column, castTo, e.getKey(), e.getValue(), path + "." + target.getKey() + "." + e.getKey()));
            }
        }
        return terms.size() == 1 ? terms.get(0) : new BoolExp.And(terms);
    }

    private BoolExp dWithin(ColumnInfo column, String castTo, boolean threeD, Input value, String path) {
        if (!(value instanceof Input.ObjectInput o)) {
            throw PlanningException.validation("expected an object for _st_d_within", path);
        }
        String type = castTo != null ? castTo : column.typeName();
        SqlValue from = SqlValue.of(Constants.param(o.fields().getOrDefault("from", Input.NULL)), type);
        SqlValue distance = SqlValue.of(Constants.param(o.fields().getOrDefault("distance", Input.NULL)), "float8");
        SqlValue spheroid = "geography".equals(type)
                ? SqlValue.of(Constants.param(o.fields().getOrDefault("use_spheroid",
                        new Input.Scalar(new ParamValue.Literal(true)))), "boolean")
                : null;
        return new BoolExp.DWithin(column.name(), castTo, threeD, from, distance, spheroid);
    }

    /**
     * {@code _ceq: "other"} (or {@code ["other"]}) compares with a column of the same row, {@code ["$", "other"]} with
     * one of the row the permission is about.
     */
    private BoolExp columnComparison(ColumnInfo column, CompareOp op, Input value, String path) {
        Object spec = Constants.require(value);
        List<?> parts = spec instanceof List<?> l ? l : spec == null ? List.of() : List.of(spec);
        boolean root = parts.size() == 2 && "$".equals(parts.get(0));
        if (parts.isEmpty() || parts.size() > 2 || (parts.size() == 2 && !root)) {
            throw new PlanningException("not-supported",
                    "Relationship references are not supported in column comparison RHS", path);
        }
        return new BoolExp.ColumnCompare(column.name(), op, String.valueOf(parts.get(parts.size() - 1)), root);
    }

    /** The SQL type a compared value is cast to: the column's, or its element type for arrays. */
    private static String valueType(ColumnInfo column) {
        if ("geometry".equals(column.typeName()) || "geography".equals(column.typeName())) {
            return column.typeName();
        }
        if (column.array()) {
            return column.pgType().substring(0, column.pgType().length() - 2);
        }
        return column.pgType();
    }
}
