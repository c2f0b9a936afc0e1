package io.threefactor.engine.plan;

import io.threefactor.engine.catalog.ColumnInfo;
import io.threefactor.engine.ir.OrderBy;
import io.threefactor.engine.schema.RelationshipModel;
import io.threefactor.engine.schema.TableModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import io.threefactor.engine.ir.FunctionCall;
import io.threefactor.engine.schema.ComputedFieldRef;
import io.threefactor.engine.error.PlanningException;
import io.threefactor.engine.schema.TableTypes;

/**
 * Compiles {@code order_by} arguments: columns, scalar computed fields, object relationship paths and aggregates of
 * array relationships and of computed fields returning rows.
 */
final class OrderByPlanner {

    private static final Set<String> DIRECTIONS = Set.of("asc", "asc_nulls_first", "asc_nulls_last",
            "desc", "desc_nulls_first", "desc_nulls_last");


    private final TableLookup tables;

    OrderByPlanner(TableLookup tables) {
        this.tables = tables;
    }

    List<OrderBy> plan(TableModel table, Input input, String path) {
        List<OrderBy> out = new ArrayList<>();
        if (input instanceof Input.ListInput l) {
            for (int i = 0; i < l.items().size(); i++) {
                terms(table, l.items().get(i), path + "[" + i + "]", Function.identity(), out);
            }
        } else if (!(input instanceof Input.Null)) {
            terms(table, input, path, Function.identity(), out);
        }
        return out;
    }

    /** {@code wrap} nests a term found below object relationships into the path that reaches it. */
    private void terms(TableModel table, Input input, String path, Function<OrderBy.Target, OrderBy.Target> wrap,
                       List<OrderBy> out) {
        if (input instanceof Input.Null) {
            return;
        }
        if (!(input instanceof Input.ObjectInput object)) {
            throw PlanningException.validation("expected an object for type '" + table.typeName() + "_order_by'", path);
        }
        for (Map.Entry<String, Input> e : object.fields().entrySet()) {
            String key = e.getKey();
            String at = path + "." + key;
            ColumnInfo column = table.columns().get(key);
            if (column != null) {
                String dir = direction(e.getValue(), at);
                if (dir != null) {
                    out.add(OrderBy.of(wrap.apply(new OrderBy.Column(column.name())), dir));
                }
                continue;
            }
            RelationshipModel rel = table.relationships().get(key);
            if (rel != null && !rel.isArray()) {
                TableModel target = tables.roleTable(rel.target());
                terms(target, e.getValue(), at, inner -> wrap.apply(new OrderBy.ThroughObject(rel.target(), rel.join(),
                        tables.selectFilter(target), inner)), out);
                continue;
            }
            ComputedFieldRef computed = table.computedFields().get(key);
            if (computed != null && computed.scalarType() != null && computed.userArguments().isEmpty()) {
                String dir = direction(e.getValue(), at);
                if (dir != null) {
                    out.add(OrderBy.of(wrap.apply(new OrderBy.Computed(ComputedCalls.ofRow(computed))), dir));
                }
                continue;
            }
            if (key.endsWith("_aggregate")) {
                String base = key.substring(0, key.length() - "_aggregate".length());
                RelationshipModel arr = table.relationships().get(base);
                if (arr != null && arr.isArray()) {
                    TableModel target = tables.roleTable(arr.target());
                    aggregateTerms(target, (function, col) -> new OrderBy.ArrayAggregate(arr.target(), arr.join(),
                            tables.selectFilter(target), function, col), e.getValue(), at, wrap, out);
                    continue;
                }
                ComputedFieldRef rows = table.computedFields().get(base);
                if (rows != null && rows.returnsTable() != null && rows.userArguments().isEmpty()) {
                    TableModel target = tables.roleTable(rows.returnsTable());
                    FunctionCall call = ComputedCalls.ofRow(rows);
                    aggregateTerms(target, (function, col) -> new OrderBy.ComputedAggregate(call,
                            tables.selectFilter(target), function, col), e.getValue(), at, wrap, out);
                    continue;
                }
            }
            throw PlanningException.validation("field '" + key + "' not found in type: '" + table.typeName() + "_order_by'", at);
        }
    }

    /** {@code count} and {@code <function>: {column: direction}} over the rows of {@code target}. */
    private void aggregateTerms(TableModel target, BiFunction<String, String, OrderBy.Target> aggregate, Input input,
                                String path, Function<OrderBy.Target, OrderBy.Target> wrap, List<OrderBy> out) {
        if (!(input instanceof Input.ObjectInput object)) {
            return;
        }
        for (Map.Entry<String, Input> e : object.fields().entrySet()) {
            String function = e.getKey();
            String at = path + "." + function;
            if ("count".equals(function)) {
                String dir = direction(e.getValue(), at);
                if (dir != null) {
                    out.add(OrderBy.of(wrap.apply(aggregate.apply("count", null)), dir));
                }
            } else if (!TableTypes.AGGREGATE_FUNCTIONS.contains(function)) {
                throw PlanningException.validation("field '" + function + "' not found in type: '"
                        + target.typeName() + "_aggregate_order_by'", at);
            } else if (e.getValue() instanceof Input.ObjectInput columns) {
                for (Map.Entry<String, Input> c : columns.fields().entrySet()) {
                    ColumnInfo column = target.columns().get(c.getKey());
                    if (column == null) {
                        throw PlanningException.validation("field '" + c.getKey() + "' not found", at + "." + c.getKey());
                    }
                    String dir = direction(c.getValue(), at + "." + c.getKey());
                    if (dir != null) {
                        out.add(OrderBy.of(wrap.apply(aggregate.apply(function, column.name())), dir));
                    }
                }
            }
        }
    }

    private static String direction(Input value, String path) {
        Object dir = Constants.require(value);
        if (dir == null) {
            return null;
        }
        if (!DIRECTIONS.contains(dir.toString())) {
            throw PlanningException.validation("unexpected value '" + dir + "' for enum: 'order_by'", path);
        }
        return dir.toString();
    }
}
