package io.threefactor.engine.plan;

import graphql.language.Field;
import io.threefactor.engine.catalog.ColumnInfo;
import io.threefactor.engine.ir.BoolExp;
import io.threefactor.engine.ir.CompareOp;
import io.threefactor.engine.ir.OrderBy;
import io.threefactor.engine.ir.ParamValue;
import io.threefactor.engine.ir.RootNode;
import io.threefactor.engine.ir.Selection;
import io.threefactor.engine.ir.SqlValue;
import io.threefactor.engine.schema.TableModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.threefactor.engine.error.PlanningException;

/**
 * Plans {@code t_stream(batch_size:, cursor: {initial_value: {col: v}, ordering: ASC}, where:)}: the rows after
 * the cursor ({@code col > $__tf_cursor}, bound per batch by the stream), ordered by the cursor column,
 * {@code batch_size} of them and the rows that tie with the last (Hasura's {@code FETCH FIRST n ROWS WITH TIES}:
 * the next batch starts after the last cursor value, so a batch must not end inside one), with the cursor value as a
 * hidden last field.
 */
final class StreamPlanner {

    private StreamPlanner() { }

    static RootNode plan(TableModel table, String key, List<Field> fields, SelectionPlanner selections, String path) {
        Map<String, Input> args = selections.arguments(fields.get(0));
        Input cursorArg = args.getOrDefault("cursor", Input.NULL);
        if (cursorArg instanceof Input.ListInput list) {
            if (list.items().size() != 1) {
                throw PlanningException.validation("one streaming column field is expected", path + ".args.cursor");
            }
            cursorArg = list.items().get(0);
        }
        if (!(cursorArg instanceof Input.ObjectInput cursor)
                || !(cursor.fields().get("initial_value") instanceof Input.ObjectInput initial)) {
            throw PlanningException.validation("the cursor needs an initial_value", path + ".args.cursor");
        }
        if (initial.fields().size() != 1) {
            throw PlanningException.validation("exactly one cursor column is expected in initial_value",
                    path + ".args.cursor.initial_value");
        }
        Map.Entry<String, Input> entry = initial.fields().entrySet().iterator().next();
        ColumnInfo column = table.columns().get(entry.getKey());
        if (column == null) {
            throw PlanningException.validation("field '" + entry.getKey() + "' not found in type: '"
                    + table.typeName() + "_stream_cursor_value_input'", path + ".args.cursor.initial_value");
        }
        Input ordering = cursor.fields().getOrDefault("ordering", Input.NULL);
        boolean descending = !(ordering instanceof Input.Null)
                && "DESC".equalsIgnoreCase(String.valueOf(Constants.require(ordering)));
        ParamValue initialValue = entry.getValue() instanceof Input.Null ? new ParamValue.Literal(null)
                : Constants.param(entry.getValue());
        Input batch = args.getOrDefault("batch_size", Input.NULL);
        if (batch instanceof Input.Null) {
            throw PlanningException.validation("missing required field 'batch_size'", path + ".args");
        }

        BoolExp after = new BoolExp.Compare(column.name(), null, descending ? CompareOp.LT : CompareOp.GT,
                SqlValue.of(new ParamValue.Variable(RootNode.SelectStream.CURSOR_VARIABLE), column.pgType()));
        Selection rows = selections.list(table, fields, after, path);
        List<Selection.OutputField> out = new ArrayList<>(rows.fields());
        out.add(new Selection.ColumnField(RootNode.SelectStream.CURSOR_FIELD, column.name(), column.typeName(), null));
        Selection selection = new Selection(rows.table(), rows.filter(),
                List.of(new OrderBy(new OrderBy.Column(column.name()), descending, false)),
                SqlValue.of(Constants.param(batch), "bigint"), null, rows.permLimit(), List.of(), out)
                .withLimitTies();
        return new RootNode.SelectStream(key, selection, column.name(), descending, initialValue);
    }
}
