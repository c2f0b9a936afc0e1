package io.threefactor.engine.sql;

import io.threefactor.engine.ir.Aggregation;
import io.threefactor.engine.ir.BoolExp;
import io.threefactor.engine.ir.Operation;
import io.threefactor.engine.ir.OrderBy;
import io.threefactor.engine.ir.ParamValue;
import io.threefactor.engine.ir.RootNode;
import io.threefactor.engine.ir.Selection;
import io.threefactor.engine.ir.SqlValue;
import io.threefactor.engine.schema.JoinColumn;

import java.util.ArrayList;
import java.util.List;
import io.threefactor.engine.ir.CompareOp;
import io.threefactor.engine.ir.FunctionCall;

import static io.threefactor.engine.sql.Sql.ident;
import static io.threefactor.engine.sql.Sql.literal;

/**
 * Compiles a planned query operation into ONE statement whose single text column is the {@code data}
 * object, built entirely by Postgres: json_build_object per row, json_agg per list, correlated subqueries
 * for relationships.
 */
public final class SqlCompiler {

    /** json_build_object takes at most 100 arguments; wider objects are concatenated as text. */
    private static final int MAX_OBJECT_PAIRS = 50;

    private final OutputEncoding encoding;

    /** Numbers as Postgres prints them in JSON (Hasura's default). */
    public SqlCompiler() {
        this(new OutputEncoding(false));
    }

    public SqlCompiler(OutputEncoding encoding) {
        this.encoding = encoding;
    }

    public CompiledSql compile(Operation operation) {
        SqlWriter w = new SqlWriter();
        w.append("SELECT ");
        List<String[]> entries = new ArrayList<>();
        for (RootNode root : operation.roots()) {
            entries.add(new String[]{root.alias(), root(w, root)});
        }
        w.append(jsonObject(entries)).append("::text");
        return w.build();
    }

    /**
     * The multiplexed form for live queries: one row per cohort of subscribers, {@code (cohort_id, data)}.
     * {@code $1} are the cohort ids (text[]), {@code $2} their variables and {@code $3} their session
     * variables (text[] of JSON objects, aligned with the ids); the statement's own parameters follow.
     */
    public CompiledSql compileMultiplexed(Operation operation) {
        SqlWriter w = new SqlWriter(3, true);
        List<String[]> entries = new ArrayList<>();
        for (RootNode root : operation.roots()) {
            entries.add(new String[]{root.alias(), root(w, root)});
        }
        w.append("SELECT " + SqlWriter.COHORT + ".id, ").append(jsonObject(entries)).append("::text FROM unnest($1::text[], "
                + "$2::text[]::json[], $3::text[]::json[]) AS " + SqlWriter.COHORT + "(id, vars, sess)");
        return w.build();
    }

    /** One root field as a SQL expression yielding json. */
    public String root(SqlWriter w, RootNode root) {
        if (root instanceof RootNode.SelectMany m) {
            return array(w, m.selection(), null, null);
        } else if (root instanceof RootNode.SelectOne o) {
            return single(w, o.selection(), null, null);
        } else if (root instanceof RootNode.SelectStream s) {
            return array(w, s.selection(), null, null);
        } else if (root instanceof RootNode.SelectAggregate a) {
            return aggregate(w, a.aggregation(), null, null);
        } else if (root instanceof RootNode.Constant c) {
            return w.param(new ParamValue.Literal(c.json()), false) + "::text::json";
        }
        throw new IllegalArgumentException("not a query root: " + root);
    }

    /** {@code coalesce(json_agg(row ORDER BY …), '[]')} over the selection's rows. */
    String array(SqlWriter w, Selection s, String parentAlias, List<JoinColumn> join) {
        String t = w.newAlias();
        String sub = w.newAlias();
        RowsQuery rows = rows(w, s, t, parentAlias, join, true);
        StringBuilder agg = new StringBuilder("(SELECT coalesce(json_agg(").append(sub).append(".\"__j\"");
        appendAggOrder(agg, sub, rows.orderKeys);
        agg.append("), '[]'::json) FROM (").append(rows.sql).append(") AS ").append(sub).append(')');
        return agg.toString();
    }

    /** The first row of the selection as a json object, or null. */
    String single(SqlWriter w, Selection s, String parentAlias, List<JoinColumn> join) {
        String t = w.newAlias();
        StringBuilder sql = new StringBuilder("(SELECT ").append(rowObject(w, s.fields(), t))
                .append(" FROM ").append(w.source(s.table())).append(" AS ").append(t)
                .append(" WHERE ").append(where(w, s.filter(), t, parentAlias, join))
                .append(" LIMIT 1)");
        return sql.toString();
    }

    /** {@code t_aggregate}: aggregates and nodes over the (filtered, ordered, paged) rows. */
    String aggregate(SqlWriter w, Aggregation a, String parentAlias, List<JoinColumn> join) {
        String t = w.newAlias();
        String sub = w.newAlias();
        List<Selection.OutputField> nodeFields = new ArrayList<>();
        for (Aggregation.Field f : a.fields()) {
            if (f instanceof Aggregation.Nodes n) {
                nodeFields = n.fields();
            }
        }
        Selection source = a.rows().withFields(nodeFields);
        // As in Hasura, the role's row limit caps only the nodes when aggregates are asked: they count every row.
        Integer nodesLimit = a.fields().stream().anyMatch(f -> f instanceof Aggregation.Aggregates) ? source.permLimit() : null;
        if (nodesLimit != null) {
            source = source.withPermLimit(null);
        }
        RowsQuery rows = rows(w, source, t, parentAlias, join, false);
        List<String[]> entries = new ArrayList<>();
        for (Aggregation.Field f : a.fields()) {
            if (f instanceof Aggregation.Typename tn) {
                entries.add(new String[]{tn.alias(), literal(tn.value())});
            } else if (f instanceof Aggregation.Nodes n) {
                StringBuilder nodes = new StringBuilder(nodesLimit == null ? "coalesce(json_agg(" : "coalesce(to_json((array_agg(")
                        .append(sub).append(".\"__j\"");
                appendAggOrder(nodes, sub, rows.orderKeys);
                nodes.append(nodesLimit == null ? "), '[]'::json)" : "))[1:" + nodesLimit + "]), '[]'::json)");
                entries.add(new String[]{n.alias(), nodes.toString()});
            } else if (f instanceof Aggregation.Aggregates ag) {
                entries.add(new String[]{ag.alias(), aggregateObject(ag, sub)});
            }
        }
        return "(SELECT " + jsonObject(entries) + " FROM (" + rows.sql + ") AS " + sub + ")";
    }

    private String aggregateObject(Aggregation.Aggregates ag, String sub) {
        List<String[]> entries = new ArrayList<>();
        for (Aggregation.AggregateField f : ag.fields()) {
            if (f instanceof Aggregation.AggregateTypename tn) {
                entries.add(new String[]{tn.alias(), literal(tn.value())});
            } else if (f instanceof Aggregation.Count c) {
                entries.add(new String[]{c.alias(), count(c, sub)});
            } else if (f instanceof Aggregation.ColumnsFunction fn) {
                List<String[]> columns = new ArrayList<>();
                for (Aggregation.ColumnOrTypename c : fn.columns()) {
                    columns.add(new String[]{c.alias(), c.column() == null ? literal(c.typename())
                            : encoding.json(fn.function() + "(" + sub + "." + ident(c.column()) + ")", c.columnType(), false)});
                }
                entries.add(new String[]{fn.alias(), jsonObject(columns)});
            }
        }
        return jsonObject(entries);
    }

    private static String count(Aggregation.Count c, String sub) {
        if (c.columns().isEmpty()) {
            return "count(*)";
        }
        List<String> cols = c.columns().stream().map(col -> sub + "." + ident(col)).toList();
        if (c.distinct()) {
            return cols.size() == 1 ? "count(DISTINCT " + cols.get(0) + ")"
                    : "count(DISTINCT (" + String.join(", ", cols) + "))";
        }
        return cols.size() == 1 ? "count(" + cols.get(0) + ")"
                : "count(*) FILTER (WHERE " + String.join(" AND ", cols.stream().map(x -> x + " IS NOT NULL").toList()) + ")";
    }

    /** The inner query of a list: one row per selected row, its JSON as {@code __j} and its order keys. */
    private RowsQuery rows(SqlWriter w, Selection s, String t, String parentAlias, List<JoinColumn> join,
                           boolean objectsOnly) {
        StringBuilder sql = new StringBuilder("SELECT ");
        List<OrderBy> order = effectiveOrder(s);
        if (!s.distinctOn().isEmpty()) {
            sql.append("DISTINCT ON (");
            for (int i = 0; i < s.distinctOn().size(); i++) {
                sql.append(i > 0 ? ", " : "").append(t).append('.').append(ident(s.distinctOn().get(i)));
            }
            sql.append(") ");
        }
        if (!objectsOnly) {
            sql.append(t).append(".*, ");
        }
        sql.append(rowObject(w, s.fields(), t)).append(" AS \"__j\"");
        List<OrderKey> keys = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            OrderBy o = order.get(i);
            String key = "__o" + i;
            sql.append(", ").append(orderExpression(w, o.target(), t)).append(" AS ").append(ident(key));
            keys.add(new OrderKey(key, o));
        }
        sql.append(" FROM ").append(fromItem(w, s, parentAlias)).append(" AS ").append(t)
                .append(" WHERE ").append(where(w, s.filter(), t, parentAlias, join));
        // json_agg(… ORDER BY …) orders the output; the rows themselves need an order only to page or pick.
        boolean paged = s.limit() != null || s.offset() != null || s.permLimit() != null || !s.distinctOn().isEmpty();
        if (!keys.isEmpty() && paged) {
            sql.append(" ORDER BY ");
            for (int i = 0; i < keys.size(); i++) {
                sql.append(i > 0 ? ", " : "").append(ident(keys.get(i).name)).append(direction(keys.get(i).order));
            }
        }
        appendLimit(w, sql, s);
        return new RowsQuery(sql.toString(), keys);
    }

    /** What a selection reads: its table, or the set-returning function it calls (with the parent row). */
    private String fromItem(SqlWriter w, Selection s, String parentAlias) {
        return s.source() == null ? w.source(s.table()) : call(w, s.source(), parentAlias);
    }

    /** {@code "schema"."function"(name => value, …)}; the row argument is the alias {@code rowAlias}. */
    String call(SqlWriter w, FunctionCall fc, String rowAlias) {
        List<String> args = new ArrayList<>();
        for (FunctionCall.Argument a : fc.arguments()) {
            String value;
            if (a instanceof FunctionCall.Value v) {
                value = w.value(v.value());
            } else if (a instanceof FunctionCall.Row) {
                value = rowAlias;
            } else {
                value = w.value(SqlValue.of(new ParamValue.SessionJson(), "json"));
            }
            // an unnamed argument can only be passed by position (it comes before the named ones)
            args.add(a.name().isEmpty() ? value : ident(a.name()) + " => " + value);
        }
        return Sql.table(fc.function()) + "(" + String.join(", ", args) + ")";
    }

    /** DISTINCT ON needs the distinct columns to lead the ORDER BY. */
    private static List<OrderBy> effectiveOrder(Selection s) {
        if (s.distinctOn().isEmpty()) {
            return s.orderBy();
        }
        List<OrderBy> order = new ArrayList<>();
        for (String column : s.distinctOn()) {
            boolean ordered = s.orderBy().stream().anyMatch(o -> o.target() instanceof OrderBy.Column c
                    && c.column().equals(column));
            if (!ordered) {
                order.add(new OrderBy(new OrderBy.Column(column), false, false));
            }
        }
        order.addAll(s.orderBy());
        return order;
    }

    private static void appendLimit(SqlWriter w, StringBuilder sql, Selection s) {
        if (s.limitWithTies() && s.limit() != null) {
            if (s.offset() != null) {
                sql.append(" OFFSET ").append(w.value(s.offset()));
            }
            String n = s.permLimit() == null ? w.value(s.limit())
                    : "LEAST(" + w.value(s.limit()) + ", " + s.permLimit() + ")";
            sql.append(" FETCH FIRST (").append(n).append(") ROWS WITH TIES");
            return;
        }
        if (s.limit() != null && s.permLimit() != null) {
            sql.append(" LIMIT LEAST(").append(w.value(s.limit())).append(", ").append(s.permLimit()).append(')');
        } else if (s.limit() != null) {
            sql.append(" LIMIT ").append(w.value(s.limit()));
        } else if (s.permLimit() != null) {
            sql.append(" LIMIT ").append(s.permLimit());
        }
        if (s.offset() != null) {
            sql.append(" OFFSET ").append(w.value(s.offset()));
        }
    }

    private static void appendAggOrder(StringBuilder agg, String sub, List<OrderKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        agg.append(" ORDER BY ");
        for (int i = 0; i < keys.size(); i++) {
            agg.append(i > 0 ? ", " : "").append(sub).append('.').append(ident(keys.get(i).name))
                    .append(direction(keys.get(i).order));
        }
    }

    private static String direction(OrderBy o) {
        return (o.descending() ? " DESC" : " ASC") + (o.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
    }

    /** The JSON object of one row of alias {@code t}. */
    String rowObject(SqlWriter w, List<Selection.OutputField> fields, String t) {
        List<String[]> entries = new ArrayList<>();
        for (Selection.OutputField f : fields) {
            entries.add(new String[]{f.alias(), outputValue(w, f, t)});
        }
        return jsonObject(entries);
    }

    private String outputValue(SqlWriter w, Selection.OutputField f, String t) {
        if (f instanceof Selection.ColumnField c) {
            String column = t + "." + ident(c.column());
            if (c.jsonPath() != null) {
                String doc = "jsonb".equals(c.typeName()) ? column : column + "::jsonb";
                column = "jsonb_path_query_first(" + doc + ", " + w.value(c.jsonPath()) + ")";
            }
            String value = c.jsonPath() == null ? encoding.json(column, c.typeName(), c.array()) : column;
            return c.visibleWhen() == null ? value
                    : "CASE WHEN " + boolExp(w, c.visibleWhen(), t) + " THEN " + value + " END";
        } else if (f instanceof Selection.ConstantField c) {
            return literal(c.value());
        } else if (f instanceof Selection.ComputedField c) {
            return encoding.json(call(w, c.call(), t), c.typeName(), false);
        } else if (f instanceof Selection.ObjectRelationshipField r) {
            return single(w, r.target(), t, r.join());
        } else if (f instanceof Selection.ArrayRelationshipField r) {
            return array(w, r.target(), t, r.join());
        } else if (f instanceof Selection.ArrayAggregateField r) {
            return aggregate(w, r.target(), t, r.join());
        }
        throw new IllegalArgumentException("unknown output field " + f);
    }

    /** {@code json_build_object(k, v, …)}; past 50 pairs, the object is concatenated as text. */
    static String jsonObject(List<String[]> entries) {
        if (entries.size() <= MAX_OBJECT_PAIRS) {
            StringBuilder b = new StringBuilder("json_build_object(");
            for (int i = 0; i < entries.size(); i++) {
                b.append(i > 0 ? ", " : "").append(literal(entries.get(i)[0])).append(", ").append(entries.get(i)[1]);
            }
            return b.append(')').toString();
        }
        StringBuilder b = new StringBuilder("('{' || ");
        for (int i = 0; i < entries.size(); i++) {
            String key = "\"" + entries.get(i)[0] + "\":";
            b.append(i > 0 ? " || ',' || " : "").append(literal(key)).append(" || coalesce(to_json(")
                    .append(entries.get(i)[1]).append(")::text, 'null')");
        }
        return b.append(" || '}')::json").toString();
    }

    /** The WHERE clause: the join to the parent row (if any) AND the filter. */
    private String where(SqlWriter w, BoolExp filter, String t, String parentAlias, List<JoinColumn> join) {
        return where(w, filter, t, parentAlias, join, null);
    }

    private String where(SqlWriter w, BoolExp filter, String t, String parentAlias, List<JoinColumn> join, String root) {
        StringBuilder sql = new StringBuilder();
        if (join != null) {
            for (JoinColumn j : join) {
                sql.append(t).append('.').append(ident(j.targetColumn())).append(" = ")
                        .append(parentAlias).append('.').append(ident(j.sourceColumn())).append(" AND ");
            }
        }
        sql.append(boolExp(w, filter, t, root));
        return sql.toString();
    }

    String boolExp(SqlWriter w, BoolExp e, String t) {
        return boolExp(w, e, t, null);
    }

    /** @param root the alias {@code ["$", column]} references of a permission name (null outside one) */
    private String boolExp(SqlWriter w, BoolExp e, String t, String root) {
        if (e instanceof BoolExp.Const c) {
            return c.value() ? "true" : "false";
        } else if (e instanceof BoolExp.And a) {
            return junction(w, a.operands(), " AND ", "true", t, root);
        } else if (e instanceof BoolExp.Or o) {
            return junction(w, o.operands(), " OR ", "false", t, root);
        } else if (e instanceof BoolExp.Not n) {
            return "(NOT " + boolExp(w, n.operand(), t, root) + ")";
        } else if (e instanceof BoolExp.Root r) {
            return boolExp(w, r.where(), t, t);
        } else if (e instanceof BoolExp.ColumnCompare c) {
            String other = (c.otherAtRoot() && root != null ? root : t) + "." + ident(c.other());
            return comparison(t + "." + ident(c.column()), c.op(), other);
        } else if (e instanceof BoolExp.Compare c) {
            return compare(w, c, t);
        } else if (e instanceof BoolExp.ComputedCompare c) {
            return comparison(call(w, c.call(), t), c.op(), w.value(c.value()));
        } else if (e instanceof BoolExp.IsNull n) {
            String column = t + "." + ident(n.column());
            if (n.isNull().source() instanceof ParamValue.Literal l && l.value() instanceof Boolean b) {
                return "(" + column + (b ? " IS NULL)" : " IS NOT NULL)");
            }
            return "((" + column + " IS NULL) = " + w.value(n.isNull()) + ")";
        } else if (e instanceof BoolExp.DWithin d) {
            String column = t + "." + ident(d.column());
            if (d.castTo() != null) {
                column = "(" + column + ")::" + d.castTo();
            }
            StringBuilder sql = new StringBuilder(d.threeD() ? "ST_3DDWithin(" : "ST_DWithin(").append(column)
                    .append(", ").append(w.value(d.from())).append(", ").append(w.value(d.distance()));
            if (d.useSpheroid() != null) {
                sql.append(", ").append(w.value(d.useSpheroid()));
            }
            return sql.append(')').toString();
        } else if (e instanceof BoolExp.Related r) {
            String t2 = w.newAlias();
            return "EXISTS (SELECT 1 FROM " + w.source(r.target()) + " AS " + t2 + " WHERE "
                    + where(w, r.where(), t2, t, r.join(), root) + ")";
        } else if (e instanceof BoolExp.ComputedRows c) {
            String t2 = w.newAlias();
            return "EXISTS (SELECT 1 FROM " + call(w, c.call(), t) + " AS " + t2 + " WHERE " + boolExp(w, c.where(), t2, root) + ")";
        } else if (e instanceof BoolExp.Exists x) {
            String t2 = w.newAlias();
            return "EXISTS (SELECT 1 FROM " + w.source(x.table()) + " AS " + t2 + " WHERE "
                    + boolExp(w, x.where(), t2, root) + ")";
        }
        throw new IllegalArgumentException("unknown boolean expression " + e);
    }

    private String junction(SqlWriter w, List<BoolExp> operands, String op, String empty, String t, String root) {
        if (operands.isEmpty()) {
            return empty;
        }
        if (operands.size() == 1) {
            return boolExp(w, operands.get(0), t, root);
        }
        StringBuilder sql = new StringBuilder("(");
        for (int i = 0; i < operands.size(); i++) {
            sql.append(i > 0 ? op : "").append(boolExp(w, operands.get(i), t, root));
        }
        return sql.append(')').toString();
    }

    private String compare(SqlWriter w, BoolExp.Compare c, String t) {
        String column = t + "." + ident(c.column());
        if (c.castTo() != null) {
            column = "(" + column + ")::" + c.castTo();
        }
        return comparison(column, c.op(), w.value(c.value()));
    }

    /** {@code lhs <op> value}: infix, {@code = ANY(…)} for lists, or a PostGIS function call. */
    private static String comparison(String lhs, CompareOp op, String value) {
        if (op.spatialFunction()) {
            return op.sql + "(" + lhs + ", " + value + ")";
        }
        return switch (op) {
            case IN, NIN -> "(" + lhs + " " + op.sql + "(" + value + "))";
            default -> "(" + lhs + " " + op.sql + " " + value + ")";
        };
    }

    private String orderExpression(SqlWriter w, OrderBy.Target target, String t) {
        if (target instanceof OrderBy.Column c) {
            return t + "." + ident(c.column());
        } else if (target instanceof OrderBy.ThroughObject o) {
            String t2 = w.newAlias();
            return "(SELECT " + orderExpression(w, o.inner(), t2) + " FROM " + w.source(o.target()) + " AS " + t2
                    + " WHERE " + where(w, o.targetFilter(), t2, t, o.join()) + " LIMIT 1)";
        } else if (target instanceof OrderBy.ArrayAggregate a) {
            String t2 = w.newAlias();
            String fn = a.column() == null ? "count(*)" : a.function() + "(" + t2 + "." + ident(a.column()) + ")";
            return "(SELECT " + fn + " FROM " + w.source(a.target()) + " AS " + t2
                    + " WHERE " + where(w, a.targetFilter(), t2, t, a.join()) + ")";
        } else if (target instanceof OrderBy.Computed c) {
            return call(w, c.call(), t);
        } else if (target instanceof OrderBy.ComputedAggregate a) {
            String t2 = w.newAlias();
            String fn = a.column() == null ? "count(*)" : a.function() + "(" + t2 + "." + ident(a.column()) + ")";
            return "(SELECT " + fn + " FROM " + call(w, a.call(), t) + " AS " + t2
                    + " WHERE " + boolExp(w, a.targetFilter(), t2) + ")";
        }
        throw new IllegalArgumentException("unknown order target " + target);
    }

    private record OrderKey(String name, OrderBy order) { }

    private record RowsQuery(String sql, List<OrderKey> orderKeys) { }
}
