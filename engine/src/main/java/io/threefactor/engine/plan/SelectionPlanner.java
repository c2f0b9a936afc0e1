package io.threefactor.engine.plan;

import graphql.language.Argument;
import graphql.language.Field;
import io.threefactor.engine.catalog.ColumnInfo;
import io.threefactor.engine.ir.Aggregation;
import io.threefactor.engine.ir.BoolExp;
import io.threefactor.engine.ir.OrderBy;
import io.threefactor.engine.ir.Selection;
import io.threefactor.engine.ir.SqlValue;
import io.threefactor.engine.ir.FunctionCall;
import io.threefactor.engine.schema.ComputedFieldRef;
import io.threefactor.engine.schema.FunctionModel;
import io.threefactor.engine.schema.RelationshipModel;
import io.threefactor.engine.schema.TableModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.threefactor.engine.error.PlanningException;
import com.fasterxml.jackson.databind.JsonNode;
import io.threefactor.engine.catalog.FunctionInfo;
import io.threefactor.engine.ir.ParamValue;
import io.threefactor.engine.schema.TableTypes;

/** Plans selections of a table's rows: arguments, permission filter and the fields of each row. */
public final class SelectionPlanner {


    private final TableLookup tables;
    private final FieldCollector collector;
    private final InputReader inputs;
    private final BoolExpPlanner where;
    private final OrderByPlanner orderBy;

    /** For requests that are not GraphQL documents (the v1 row API): no fragments, no variables. */
    SelectionPlanner(TableLookup tables) {
        this(tables, new FieldCollector(Map.of(), new InputReader(Map.of())), new InputReader(Map.of()));
    }

    SelectionPlanner(TableLookup tables, FieldCollector collector, InputReader inputs) {
        this.tables = tables;
        this.collector = collector;
        this.inputs = inputs;
        this.where = new BoolExpPlanner(tables, BoolExpPlanner.Mode.GRAPHQL);
        this.orderBy = new OrderByPlanner(tables);
    }

    /** A list selection with the standard arguments (where, order_by, limit, offset, distinct_on). */
    Selection list(TableModel table, List<Field> fields, String path) {
        return list(table, fields, BoolExp.TRUE, path);
    }

    Selection list(TableModel table, List<Field> fields, BoolExp extraFilter, String path) {
        return rows(table, fields.get(0), extraFilter, path, null).withFields(rowFields(table, fields, path));
    }

    /** A tracked function's rows: the function is the row source, the returned table's permissions apply. */
    Selection functionRows(FunctionModel function, List<Field> fields, String path) {
        return rows(function.returns(), fields.get(0), BoolExp.TRUE, path, call(function, fields.get(0), path))
                .withFields(rowFields(function.returns(), fields, path));
    }

    Aggregation functionAggregate(FunctionModel function, List<Field> fields, String path) {
        Selection rows = rows(function.returns(), fields.get(0), BoolExp.TRUE, path, call(function, fields.get(0), path));
        return aggregate(function.returns(), fields, rows, path);
    }

    /** The call of a function with the field's {@code args}, the row and the session where it takes them. */
    private FunctionCall call(FunctionModel function, Field field, String path) {
        List<FunctionCall.Argument> args = new ArrayList<>();
        Input given = arguments(field).getOrDefault("args", Input.NULL);
        Map<String, Input> values = given instanceof Input.ObjectInput o ? o.fields() : Map.of();
        for (FunctionInfo.Argument a : function.function().arguments()) {
            if (a.name().equals(function.tableArgument())) {
                args.add(new FunctionCall.Row(a.name()));
            } else if (a.name().equals(function.sessionArgument())) {
                args.add(new FunctionCall.SessionVariables(a.name()));
            } else if (values.containsKey(a.name())) {
                Input v = values.get(a.name());
                args.add(new FunctionCall.Value(a.name(), a.array() ? SqlValue.list(Constants.param(v), a.typeName())
                        : SqlValue.of(Constants.param(v), a.pgType())));
            } else if (!a.hasDefault()) {
                throw PlanningException.validation("missing argument '" + a.name() + "' of function "
                        + function.function().name(), path + ".args");
            }
        }
        return new FunctionCall(function.function().name(), args);
    }

    /** The rows a field's arguments select, without output fields (aggregates choose their own). */
    private Selection rows(TableModel table, Field field, BoolExp extraFilter, String path, FunctionCall source) {
        return rows(table, arguments(field), extraFilter, path + ".args", source);
    }

    /**
     * The rows selected by {@code where}, {@code order_by}, {@code limit}, {@code offset} and {@code distinct_on}.
     *
     * @param argsPath where the arguments are, for error paths
     */
    Selection rows(TableModel table, Map<String, Input> args, BoolExp extraFilter, String argsPath, FunctionCall source) {
        BoolExp filter = BoolExp.and(BoolExp.and(where.plan(table, args.getOrDefault("where", Input.NULL), argsPath + ".where"),
                tables.selectFilter(table)), extraFilter);
        List<OrderBy> order = orderBy.plan(table, args.getOrDefault("order_by", Input.NULL), argsPath + ".order_by");
        List<String> distinct = distinctOn(table, args.getOrDefault("distinct_on", Input.NULL), order, argsPath);
        return new Selection(table.name(), filter, order, limitValue(args.get("limit"), argsPath + ".limit"),
                intValue(args.get("offset")), permissionLimit(table), distinct, List.of(), source);
    }

    /** A single row matched by {@code filter} (primary key lookups), with the role's filter. */
    Selection single(TableModel table, List<Field> fields, BoolExp filter, String path) {
        return single(table, rowFields(table, fields, path), filter);
    }

    Selection single(TableModel table, List<Selection.OutputField> fields, BoolExp filter) {
        return new Selection(table.name(), BoolExp.and(filter, tables.selectFilter(table)), List.of(), null, null,
                null, List.of(), fields);
    }

    Aggregation aggregate(TableModel table, List<Field> fields, String path) {
        if (!table.aggregationsAllowed()) {
            throw PlanningException.validation("aggregations are not allowed on " + table.typeName(), path);
        }
        return aggregate(table, fields, rows(table, fields.get(0), BoolExp.TRUE, path, null), path);
    }

    private Aggregation aggregate(TableModel table, List<Field> fields, Selection rows, String path) {
        List<Aggregation.Field> out = new ArrayList<>();
        collector.collect(fields, table.typeName() + "_aggregate").forEach((key, sub) -> {
            String name = sub.get(0).getName();
            String at = path + "." + key;
            switch (name) {
                case "__typename" -> out.add(new Aggregation.Typename(key, table.typeName() + "_aggregate"));
                case "nodes" -> out.add(new Aggregation.Nodes(key, rowFields(table, sub, at)));
                case "aggregate" -> out.add(new Aggregation.Aggregates(key, aggregateFields(table, sub, at)));
                default -> throw PlanningException.validation("field '" + name + "' not found in type: '"
                        + table.typeName() + "_aggregate'", at);
            }
        });
        return new Aggregation(rows, out);
    }

    private List<Aggregation.AggregateField> aggregateFields(TableModel table, List<Field> fields, String path) {
        List<Aggregation.AggregateField> out = new ArrayList<>();
        String typeName = table.typeName() + "_aggregate_fields";
        collector.collect(fields, typeName).forEach((key, sub) -> {
            String name = sub.get(0).getName();
            String at = path + "." + key;
            if ("__typename".equals(name)) {
                out.add(new Aggregation.AggregateTypename(key, typeName));
            } else if ("count".equals(name)) {
                Map<String, Input> args = arguments(sub.get(0));
                Object columns = Constants.require(args.getOrDefault("columns", Input.NULL));
                Object distinct = Constants.require(args.getOrDefault("distinct", Input.NULL));
                List<String> cols = new ArrayList<>();
                if (columns instanceof List<?> l) {
                    l.forEach(c -> cols.add(columnName(table, String.valueOf(c), at)));
                } else if (columns != null) {
                    cols.add(columnName(table, columns.toString(), at));
                }
                out.add(new Aggregation.Count(key, cols, Boolean.TRUE.equals(distinct)));
            } else if (TableTypes.AGGREGATE_FUNCTIONS.contains(name)) {
                String opType = table.typeName() + "_" + name + "_fields";
                List<Aggregation.ColumnOrTypename> columns = new ArrayList<>();
                collector.collect(sub, opType).forEach((k2, f2) -> {
                    String n2 = f2.get(0).getName();
                    if ("__typename".equals(n2)) {
                        columns.add(new Aggregation.ColumnOrTypename(k2, null, null, opType));
                    } else {
                        String column = columnName(table, n2, at + "." + k2);
                        columns.add(new Aggregation.ColumnOrTypename(k2, column, table.info().column(column)
                                .map(ColumnInfo::typeName).orElse(null), null));
                    }
                });
                out.add(new Aggregation.ColumnsFunction(key, name, columns));
            } else {
                throw PlanningException.validation("field '" + name + "' not found in type: '" + typeName + "'", at);
            }
        });
        return out;
    }

    /** The output fields of each row of {@code table}. */
    List<Selection.OutputField> rowFields(TableModel table, List<Field> fields, String path) {
        List<Selection.OutputField> out = new ArrayList<>();
        collector.collect(fields, table.typeName()).forEach((key, sub) -> {
            Field field = sub.get(0);
            String name = field.getName();
            String at = path + "." + key;
            if ("__typename".equals(name)) {
                out.add(new Selection.ConstantField(key, table.typeName()));
                return;
            }
            ColumnInfo column = table.columns().get(name);
            if (column != null) {
                Input path2 = arguments(field).getOrDefault("path", Input.NULL);
                SqlValue jsonPath = path2 instanceof Input.Null ? null : SqlValue.of(jsonPath(path2), "jsonpath");
                out.add(columnField(table, key, column, jsonPath));
                return;
            }
            ComputedFieldRef computed = table.computedFields().get(name);
            if (computed != null) {
                out.add(computedField(key, computed, sub, at));
                return;
            }
            RelationshipModel rel = table.relationships().get(name);
            if (rel != null) {
                TableModel target = tables.roleTable(rel.target());
                if (rel.isArray()) {
                    out.add(new Selection.ArrayRelationshipField(key, rel.join(), list(target, sub, at)));
                } else {
                    out.add(new Selection.ObjectRelationshipField(key, rel.join(), single(target, sub, BoolExp.TRUE, at)));
                }
                return;
            }
            if (name.endsWith("_aggregate")) {
                RelationshipModel arr = table.relationships().get(name.substring(0, name.length() - "_aggregate".length()));
                if (arr != null && arr.isArray()) {
                    out.add(new Selection.ArrayAggregateField(key, arr.join(), aggregate(tables.roleTable(arr.target()), sub, at)));
                    return;
                }
            }
            throw PlanningException.validation("field '" + name + "' not found in type: '" + table.typeName() + "'", at);
        });
        return out;
    }

    /** A column of a row, nulled where an inherited role's member permissions hide it. */
    Selection.ColumnField columnField(TableModel table, String alias, ColumnInfo column, SqlValue jsonPath) {
        JsonNode condition = table.columnConditions().get(column.name());
        return new Selection.ColumnField(alias, column.name(), column.typeName(), column.array(), jsonPath,
                condition == null ? null : tables.permission(table, condition));
    }

    /** A computed field: a scalar of the row, or rows of a table selected like an array relationship. */
    private Selection.OutputField computedField(String key, ComputedFieldRef ref, List<Field> fields, String path) {
        if (ref.returnsTable() == null) {
            return new Selection.ComputedField(key, call(ref.resolve(null), fields.get(0), path), ref.scalarType());
        }
        TableModel target = tables.roleTable(ref.returnsTable());
        FunctionModel function = ref.resolve(target);
        Selection rows = rows(target, fields.get(0), BoolExp.TRUE, path, call(function, fields.get(0), path))
                .withFields(rowFields(target, fields, path));
        return new Selection.ArrayRelationshipField(key, List.of(), rows);
    }

    /** Hasura's JSON paths ({@code $.a.b[0]}, {@code a.b}) are SQL/JSON paths once rooted at {@code $}. */
    private static ParamValue jsonPath(Input input) {
        Object path = Constants.require(input);
        String text = String.valueOf(path);
        return new ParamValue.Literal(text.startsWith("$") ? text
                : text.startsWith("[") ? "$" + text : "$." + text);
    }

    private List<String> distinctOn(TableModel table, Input input, List<OrderBy> order, String path) {
        Object value = Constants.require(input);
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> l) {
            l.forEach(c -> out.add(columnName(table, String.valueOf(c), path + ".distinct_on")));
        } else if (value != null) {
            out.add(columnName(table, value.toString(), path + ".distinct_on"));
        }
        for (int i = 0; i < Math.min(out.size(), order.size()); i++) {
            if (!(order.get(i).target() instanceof OrderBy.Column c) || !out.contains(c.column())) {
                throw PlanningException.validation("\"distinct_on\" columns must match initial \"order_by\" columns",
                        path);
            }
        }
        return out;
    }

    private static String columnName(TableModel table, String field, String path) {
        ColumnInfo column = table.columns().get(field);
        if (column == null) {
            throw PlanningException.validation("unexpected value '" + field + "' for enum: '"
                    + table.typeName() + "_select_column'", path);
        }
        return column.name();
    }

    /** The smaller of the role's select permission limit and its configured row limit. */
    private Integer permissionLimit(TableModel table) {
        Integer permission = table.admin() || table.select() == null ? null : table.select().limit();
        Integer role = tables.roleRowLimit();
        if (permission == null) {
            return role;
        }
        return role == null ? permission : Math.min(permission, role);
    }

    /**
     * Hasura reads {@code limit} as a non-negative Int, never as the string of digits that {@code offset} (a bigint)
     * also takes; the schema's one {@code Int} accepts both, so the string is refused here.
     */
    private static SqlValue limitValue(Input input, String path) {
        if (input instanceof Input.Scalar scalar && scalar.value() instanceof ParamValue.Literal literal) {
            if (literal.value() instanceof String) {
                throw PlanningException.validation(
                        "expected a non-negative 32-bit integer for type 'Int', but found a string", path);
            }
            if (literal.value() instanceof Number n && (n.longValue() < 0 || n.longValue() > Integer.MAX_VALUE)) {
                throw PlanningException.validation(
                        "expected a non-negative 32-bit integer for type 'Int', but found " + n, path);
            }
        }
        return intValue(input);
    }

    private static SqlValue intValue(Input input) {
        if (input == null || input instanceof Input.Null) {
            return null;
        }
        return SqlValue.of(Constants.param(input), "bigint");
    }

    FieldCollector collector() {
        return collector;
    }

    Map<String, Input> arguments(Field field) {
        Map<String, Input> out = new LinkedHashMap<>();
        for (Argument a : field.getArguments()) {
            out.put(a.getName(), inputs.read(a.getValue()));
        }
        return out;
    }
}
