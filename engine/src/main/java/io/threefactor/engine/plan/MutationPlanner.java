package io.threefactor.engine.plan;

import graphql.language.Field;
import io.threefactor.engine.catalog.ColumnInfo;
import io.threefactor.engine.ir.BoolExp;
import io.threefactor.engine.ir.Mutation;
import io.threefactor.engine.ir.MutationOutput;
import io.threefactor.engine.ir.RootNode;
import io.threefactor.engine.ir.SqlValue;
import io.threefactor.engine.schema.RelationshipModel;
import io.threefactor.engine.schema.RootField;
import io.threefactor.engine.schema.TableModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.threefactor.engine.error.PlanningException;
import com.fasterxml.jackson.databind.JsonNode;
import io.threefactor.engine.ir.ParamValue;
import java.util.Collections;

/**
 * Plans mutation root fields: inserts (nested, upserts), updates (every operator, by primary key, many) and
 * deletes, with the role's presets, filters and checks applied.
 */
public final class MutationPlanner implements QueryPlanner.MutationPlanner {

    /** GraphQL's update operators (the v1 row API has its own: {@code $set}, {@code $inc}, …). */
    static final Map<String, Mutation.SetOperation.Kind> OPERATORS = operators(
            "_set", Mutation.SetOperation.Kind.SET, "_inc", Mutation.SetOperation.Kind.INC,
            "_append", Mutation.SetOperation.Kind.APPEND, "_prepend", Mutation.SetOperation.Kind.PREPEND,
            "_delete_key", Mutation.SetOperation.Kind.DELETE_KEY, "_delete_elem", Mutation.SetOperation.Kind.DELETE_ELEM,
            "_delete_at_path", Mutation.SetOperation.Kind.DELETE_AT_PATH);

    /** An operator table in the order given (messages list them in that order). */
    static Map<String, Mutation.SetOperation.Kind> operators(Object... nameThenKind) {
        Map<String, Mutation.SetOperation.Kind> out = new LinkedHashMap<>();
        for (int i = 0; i < nameThenKind.length; i += 2) {
            out.put((String) nameThenKind[i], (Mutation.SetOperation.Kind) nameThenKind[i + 1]);
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public RootNode plan(RootField root, String key, List<Field> fields, SelectionPlanner selections,
                         InputReader inputs, TableLookup tables, String path) {
        Context cx = new Context(selections, tables);
        TableModel table = root.table();
        Map<String, Input> args = selections.arguments(fields.get(0));
        return switch (root.kind()) {
            case INSERT -> new RootNode.Mutate(key, cx.insert(table, args.get("objects"), args.get("on_conflict"), path + ".args.objects"),
                    cx.response(table, fields, path), insertErrorPath(root, "objects"));
            case INSERT_ONE -> new RootNode.Mutate(key, cx.insert(table, new Input.ListInput(List.of(args.get("object"))),
                    args.get("on_conflict"), path + ".args.object"), cx.single(table, fields, path), insertErrorPath(root, "object"));
            case UPDATE -> new RootNode.Mutate(key, cx.update(table, cx.where(table, args.get("where"), path), args, OPERATORS, path),
                    cx.response(table, fields, path));
            case UPDATE_BY_PK -> new RootNode.Mutate(key, cx.update(table, QueryPlanner.primaryKeyFilter(table,
                    objectFields(args.get("pk_columns"))), args, OPERATORS, path), cx.single(table, fields, path));
            case UPDATE_MANY -> cx.updateMany(key, table, args.get("updates"), fields, path);
            case DELETE -> new RootNode.Mutate(key, cx.delete(table, cx.where(table, args.get("where"), path)),
                    cx.response(table, fields, path));
            case DELETE_BY_PK -> new RootNode.Mutate(key, cx.delete(table, QueryPlanner.primaryKeyFilter(table, args)),
                    cx.single(table, fields, path));
            default -> throw new PlanningException("not-supported", "root field '" + root.name() + "' is not a mutation", path);
        };
    }

    /** Hasura reports an insert's database errors at its argument, named by the field (not its alias). */
    private static String insertErrorPath(RootField root, String argument) {
        return "$.selectionSet." + root.name() + ".args." + argument;
    }

    static Map<String, Input> objectFields(Input input) {
        return input instanceof Input.ObjectInput o ? o.fields() : Map.of();
    }

    /** Planning state of one root field; also used by the {@link RowApiPlanner}. */
    static final class Context {
        private final SelectionPlanner selections;
        private final TableLookup tables;
        private final BoolExpPlanner where;

        Context(SelectionPlanner selections, TableLookup tables) {
            this.selections = selections;
            this.tables = tables;
            this.where = new BoolExpPlanner(tables, BoolExpPlanner.Mode.GRAPHQL);
        }

        BoolExp where(TableModel table, Input input, String path) {
            return where.plan(table, input == null ? Input.NULL : input, path + ".args.where");
        }

        Mutation.Insert insert(TableModel table, Input objects, Input onConflict, String path) {
            if (!table.canInsert()) {
                throw new PlanningException("permission-error", "insert is not allowed on " + table.typeName(), path);
            }
            List<Mutation.InsertRow> rows = new ArrayList<>();
            if (objects instanceof Input.ListInput list) {
                for (int i = 0; i < list.items().size(); i++) {
                    rows.add(row(table, list.items().get(i), path + "[" + i + "]"));
                }
            } else if (objects instanceof Input.ObjectInput) {
                rows.add(row(table, objects, path));
            }
            BoolExp check = table.admin() ? BoolExp.TRUE : tables.permission(table, table.insert().check());
            return new Mutation.Insert(table.name(), rows, onConflict(table, onConflict, path), check,
                    !table.admin() && table.insert().backendOnly());
        }

        private Mutation.InsertRow row(TableModel table, Input input, String path) {
            Map<String, ColumnInfo> columns = new LinkedHashMap<>();
            table.insertColumns().forEach(c -> columns.put(table.fieldName(c.name()), c));
            Map<String, SqlValue> values = new LinkedHashMap<>();
            List<Mutation.Nested> parents = new ArrayList<>();
            List<Mutation.Nested> children = new ArrayList<>();
            if (!(input instanceof Input.ObjectInput object)) {
                throw PlanningException.validation("expected an object for type '" + table.typeName() + "_insert_input'", path);
            }
            for (Map.Entry<String, Input> e : object.fields().entrySet()) {
                String at = path + "." + e.getKey();
                ColumnInfo column = columns.get(e.getKey());
                RelationshipModel rel = table.relationships().get(e.getKey());
                if (column != null) {
                    values.put(column.name(), value(column, e.getValue()));
                } else if (rel != null && e.getValue() instanceof Input.Null) {
                    // an explicit null relationship inserts nothing through it, as if omitted
                    continue;
                } else if (rel != null) {
                    nested(table, rel, e.getValue(), at, parents, children);
                } else {
                    throw PlanningException.validation("field '" + e.getKey() + "' not found in type: '"
                            + table.typeName() + "_insert_input'", at);
                }
            }
            if (!table.admin()) {
                presets(table, table.insert().set(), values);
            }
            return new Mutation.InsertRow(values, parents, children);
        }

        /** Object relationships whose key is on this table are inserted first; everything else after. */
        private void nested(TableModel table, RelationshipModel rel, Input value, String path,
                            List<Mutation.Nested> parents, List<Mutation.Nested> children) {
            TableModel target = tables.roleTable(rel.target());
            Map<String, Input> spec = objectFields(value);
            Input data = spec.getOrDefault("data", Input.NULL);
            Mutation.Insert insert = insert(target, rel.isArray() ? data : new Input.ListInput(List.of(data)),
                    spec.get("on_conflict"), path + ".data");
            boolean keyOnThisTable = !rel.isArray() && table.info().foreignKeyOn(
                    rel.join().stream().map(j -> j.sourceColumn()).toList()).isPresent();
            (keyOnThisTable ? parents : children).add(new Mutation.Nested(rel.join(), insert));
        }

        private Mutation.OnConflict onConflict(TableModel table, Input input, String path) {
            if (input == null || input instanceof Input.Null) {
                return null;
            }
            Map<String, Input> spec = objectFields(input);
            Object constraint = Constants.require(spec.getOrDefault("constraint", Input.NULL));
            if (constraint == null || !table.info().uniqueConstraints().containsKey(constraint.toString())) {
                throw PlanningException.validation("unexpected value '" + constraint + "' for enum: '"
                        + table.typeName() + "_constraint'", path + ".on_conflict.constraint");
            }
            Object columns = Constants.require(spec.getOrDefault("update_columns", Input.NULL));
            Map<String, ColumnInfo> updatable = new LinkedHashMap<>();
            table.updateColumns().forEach(c -> updatable.put(table.fieldName(c.name()), c));
            List<String> updateColumns = new ArrayList<>();
            if (columns instanceof List<?> list) {
                for (Object c : list) {
                    ColumnInfo info = updatable.get(String.valueOf(c));
                    if (info == null) {
                        throw PlanningException.validation("unexpected value '" + c + "' for enum: '"
                                + table.typeName() + "_update_column'", path + ".on_conflict.update_columns");
                    }
                    updateColumns.add(info.name());
                }
            }
            BoolExp filter = where.plan(table, spec.getOrDefault("where", Input.NULL), path + ".on_conflict.where");
            if (!table.admin() && table.update() != null) {
                filter = BoolExp.and(filter, tables.permission(table, table.update().filter()));
            }
            return new Mutation.OnConflict(constraint.toString(), updateColumns, filter);
        }

        /** @param operators the argument names of the update operators and what each does */
        Mutation.Update update(TableModel table, BoolExp filter, Map<String, Input> args,
                               Map<String, Mutation.SetOperation.Kind> operators, String path) {
            Map<String, ColumnInfo> columns = new LinkedHashMap<>();
            table.updateColumns().forEach(c -> columns.put(table.fieldName(c.name()), c));
            List<Mutation.SetOperation> operations = new ArrayList<>();
            for (Map.Entry<String, Mutation.SetOperation.Kind> op : operators.entrySet()) {
                Input value = args.get(op.getKey());
                if (value == null || value instanceof Input.Null) {
                    continue;
                }
                Map<String, Input> assignments = new LinkedHashMap<>(objectFields(value));
                if (value instanceof Input.ListInput names) {
                    // $default lists the columns to reset
                    names.items().forEach(n -> assignments.put(String.valueOf(Constants.require(n)), Input.NULL));
                }
                for (Map.Entry<String, Input> e : assignments.entrySet()) {
                    ColumnInfo column = columns.get(e.getKey());
                    if (column == null) {
                        throw PlanningException.validation("field '" + e.getKey() + "' not found in type: '"
                                + table.typeName() + op.getKey() + "_input'", path + ".args." + op.getKey() + "." + e.getKey());
                    }
                    SqlValue operand = op.getValue() == Mutation.SetOperation.Kind.DEFAULT ? null
                            : operand(op.getValue(), column, e.getValue());
                    operations.add(new Mutation.SetOperation(column.name(), op.getValue(), operand));
                }
            }
            BoolExp check = BoolExp.TRUE;
            if (!table.admin()) {
                Map<String, SqlValue> presets = new LinkedHashMap<>();
                presets(table, table.update().set(), presets);
                presets.forEach((column, v) -> operations.add(new Mutation.SetOperation(column, Mutation.SetOperation.Kind.SET, v)));
                filter = BoolExp.and(filter, tables.permission(table, table.update().filter()));
                check = tables.permission(table, table.update().check());
            }
            return new Mutation.Update(table.name(), filter, operations, check);
        }

        private static SqlValue operand(Mutation.SetOperation.Kind kind, ColumnInfo column, Input value) {
            return switch (kind) {
                case DELETE_KEY -> SqlValue.of(Constants.param(value), "text");
                case DELETE_ELEM -> SqlValue.of(Constants.param(value), "integer");
                case DELETE_AT_PATH -> SqlValue.list(Constants.param(value), "text");
                default -> value(column, value);
            };
        }

        RootNode updateMany(String key, TableModel table, Input updates, List<Field> fields, String path) {
            List<RootNode.Mutate> steps = new ArrayList<>();
            if (updates instanceof Input.ListInput list) {
                for (int i = 0; i < list.items().size(); i++) {
                    Map<String, Input> args = objectFields(list.items().get(i));
                    String at = path + ".args.updates[" + i + "]";
                    steps.add(new RootNode.Mutate(key, update(table, where.plan(table, args.getOrDefault("where", Input.NULL),
                            at + ".where"), args, OPERATORS, at), response(table, fields, path)));
                }
            }
            return new RootNode.MutateMany(key, steps);
        }

        Mutation.Delete delete(TableModel table, BoolExp filter) {
            BoolExp permitted = table.admin() ? filter : BoolExp.and(filter, tables.permission(table, table.delete().filter()));
            return new Mutation.Delete(table.name(), permitted);
        }

        MutationOutput response(TableModel table, List<Field> fields, String path) {
            List<MutationOutput.ResponseField> out = new ArrayList<>();
            String typeName = table.typeName() + "_mutation_response";
            selections.collector().collect(fields, typeName).forEach((key, sub) -> {
                String name = sub.get(0).getName();
                switch (name) {
                    case "affected_rows" -> out.add(new MutationOutput.AffectedRows(key));
                    case "__typename" -> out.add(new MutationOutput.ResponseTypename(key, typeName));
                    case "returning" -> out.add(new MutationOutput.Returning(key,
                            selections.rowFields(table, sub, path + "." + key), tables.selectFilter(table)));
                    default -> throw PlanningException.validation("field '" + name + "' not found in type: '" + typeName + "'",
                            path + "." + key);
                }
            });
            return new MutationOutput.Response(out);
        }

        MutationOutput single(TableModel table, List<Field> fields, String path) {
            return new MutationOutput.Single(selections.rowFields(table, fields, path), tables.selectFilter(table));
        }

        private void presets(TableModel table, Map<String, JsonNode> set,
                             Map<String, SqlValue> values) {
            set.forEach((column, json) -> table.info().column(column).ifPresent(info ->
                    values.put(column, value(info, InputReader.fromJson(json, true)))));
        }

        private static SqlValue value(ColumnInfo column, Input input) {
            if (input instanceof Input.Null) {
                return SqlValue.of(new ParamValue.Literal(null), column.pgType());
            }
            if (column.array()) {
                return SqlValue.list(Constants.param(input), column.pgType().substring(0, column.pgType().length() - 2));
            }
            String type = "geometry".equals(column.typeName()) || "geography".equals(column.typeName())
                    ? column.typeName() : column.pgType();
            return SqlValue.of(Constants.param(input), type);
        }
    }
}
