package io.threefactor.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.threefactor.engine.catalog.ColumnInfo;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.ir.Aggregation;
import io.threefactor.engine.ir.BoolExp;
import io.threefactor.engine.ir.Mutation;
import io.threefactor.engine.ir.MutationOutput;
import io.threefactor.engine.ir.Operation;
import io.threefactor.engine.ir.RootNode;
import io.threefactor.engine.ir.Selection;
import io.threefactor.engine.metadata.BoolExpSpellings;
import io.threefactor.engine.schema.RelationshipModel;
import io.threefactor.engine.schema.SchemaModel;
import io.threefactor.engine.schema.TableModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import io.threefactor.engine.error.PlanningException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Plans Hasura's v1 row API ({@code select}, {@code count}, {@code insert}, {@code update}, {@code delete} on
 * {@code /v1/query}) into the same IR as GraphQL: the JSON arguments become {@link Input} trees and go through the
 * GraphQL planners, so the role's permissions, presets and checks apply exactly as they do there. The single root
 * field is called {@link #ROOT}.
 */
public final class RowApiPlanner {

    public static final String ROOT = "result";

    private static final Map<String, Mutation.SetOperation.Kind> V1_OPERATORS = MutationPlanner.operators(
            "$set", Mutation.SetOperation.Kind.SET, "$inc", Mutation.SetOperation.Kind.INC,
            "$mul", Mutation.SetOperation.Kind.MUL, "$default", Mutation.SetOperation.Kind.DEFAULT);

    private final SchemaModel schema;
    private final TableLookup tables;
    private final SelectionPlanner selections;
    private final MutationPlanner.Context mutations;

    /** @param schema the role's schema (which tables it sees), {@code tables} its permissions */
    public RowApiPlanner(SchemaModel schema, TableLookup tables) {
        this.schema = schema;
        this.tables = tables;
        this.selections = new SelectionPlanner(tables);
        this.mutations = new MutationPlanner.Context(selections, tables);
    }

    /** @param type one of select, count, insert, update, delete; {@code args} holds {@code table} */
    public Operation plan(String type, QualifiedTable name, JsonNode args) {
        TableModel table = table(type, name);
        return switch (type) {
            case "select" -> new Operation(Operation.Kind.QUERY, List.of(new RootNode.SelectMany(ROOT,
                    select(table, args, "$.args"))));
            case "count" -> new Operation(Operation.Kind.QUERY, List.of(new RootNode.SelectAggregate(ROOT, count(table, args))));
            case "insert" -> mutation(table, args, mutations.insert(table, input(V1Names.columns(table, objects(args))),
                    onConflict(table, args), "$.args.objects"));
            case "update" -> mutation(table, args, changing(mutations.update(table, where(table, required(args, "where")),
                    updateArguments(table, args), V1_OPERATORS, "$")));
            case "delete" -> mutation(table, args, mutations.delete(table, where(table, required(args, "where"))));
            default -> throw new IllegalArgumentException(type);
        };
    }

    /** Unlike GraphQL's, the v1 update refuses to set nothing (presets count as something). */
    private static Mutation.Update changing(Mutation.Update update) {
        if (update.operations().isEmpty()) {
            throw new PlanningException("unexpected-payload", "atleast one of $set, $inc, $mul has to be present", "$");
        }
        return update;
    }

    /** The role's model of the table, or Hasura's not-exists / permission-denied. */
    private TableModel table(String type, QualifiedTable name) {
        if (tables.anyTable(name) == null) {
            throw new PlanningException("not-exists", "table \"" + name.name() + "\" does not exist", "$.args.table");
        }
        TableModel table = schema.table(name);
        boolean allowed = table != null && switch (type) {
            case "insert" -> table.canInsert();
            case "update" -> table.canUpdate();
            case "delete" -> table.canDelete();
            default -> table.canSelect();
        };
        if (!allowed) {
            throw new PlanningException("permission-denied", type + " on \"" + name.name() + "\" for role \""
                    + schema.role() + "\" is not allowed. ", "$.args");
        }
        return table;
    }

    // ---------------------------------------------------------------- select and count

    private Selection select(TableModel table, JsonNode args, String path) {
        return selections.rows(table, rowArguments(table, args, path), BoolExp.TRUE, path, null)
                .withFields(columns(table, required(args, "columns"), path + ".columns"));
    }

    private Aggregation count(TableModel table, JsonNode args) {
        Map<String, Input> where = new LinkedHashMap<>();
        where.put("where", input(expression(table, BoolExpSpellings.normalize(args.get("where")))));
        Selection rows = selections.rows(table, where, BoolExp.TRUE, "$.args", null);
        List<String> distinct = new ArrayList<>();
        for (JsonNode c : args.path("distinct")) {
            distinct.add(visibleColumn(table, c.asText(), "$.args.distinct").name());
        }
        return new Aggregation(rows, List.of(new Aggregation.Aggregates("aggregate",
                List.of(new Aggregation.Count("count", distinct, !distinct.isEmpty())))));
    }

    /** {@code where}, {@code order_by}, {@code limit}, {@code offset} in the GraphQL arguments' form. */
    private Map<String, Input> rowArguments(TableModel table, JsonNode args, String path) {
        Map<String, Input> out = new LinkedHashMap<>();
        out.put("where", input(expression(table, BoolExpSpellings.normalize(args.get("where")))));
        out.put("order_by", input(expression(table, V1OrderBy.toGraphql(args.get("order_by"), path + ".order_by"))));
        for (String key : List.of("limit", "offset")) {
            JsonNode v = args.get(key);
            if (v != null && !v.isNull()) {
                if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
                    throw PlanningException.validation("expected a non-negative integer for '" + key + "'", path + "." + key);
                }
                out.put(key, input(v));
            }
        }
        return out;
    }

    /**
     * Hasura's {@code columns}: column names, {@code "*"} (every column; {@code "*.*"} adds every relationship with
     * its columns, one level per star) and relationship objects {@code {"name","alias","columns","where",…}}.
     */
    private List<Selection.OutputField> columns(TableModel table, JsonNode spec, String path) {
        if (!spec.isArray()) {
            throw PlanningException.validation("expected an array of columns", path);
        }
        Map<String, Selection.OutputField> out = new LinkedHashMap<>();
        for (int i = 0; i < spec.size(); i++) {
            JsonNode c = spec.get(i);
            String at = path + "[" + i + "]";
            if (c.isTextual() && c.asText().matches("\\*(\\.\\*)*")) {
                star(table, (c.asText().length() + 1) / 2, out, at);
            } else if (c.isTextual()) {
                ColumnInfo column = visibleColumn(table, c.asText(), at);
                out.put(column.name(), selections.columnField(table, column.name(), column, null));
            } else if (c.isObject() && c.path("name").isTextual()) {
                Selection.OutputField rel = relationship(table, c.get("name").asText(), c, at);
                out.put(rel.alias(), rel);
            } else {
                throw PlanningException.validation("A column should either be a string or an object (relationship)", at);
            }
        }
        return List.copyOf(out.values());
    }

    private void star(TableModel table, int depth, Map<String, Selection.OutputField> out, String path) {
        table.columns().values().forEach(c -> out.put(c.name(), selections.columnField(table, c.name(), c, null)));
        if (depth > 1) {
            JsonNode nested = Json.stars(depth - 1);
            for (String rel : table.relationships().keySet()) {
                out.put(rel, relationship(table, rel, nested, path));
            }
        }
    }

    private Selection.OutputField relationship(TableModel table, String name, JsonNode spec, String path) {
        RelationshipModel rel = table.relationships().get(name);
        if (rel == null) {
            throw PlanningException.validation("no such relationship exists: \"" + name + "\"", path);
        }
        TableModel target = tables.roleTable(rel.target());
        String alias = spec.path("alias").asText(name);
        if (rel.isArray()) {
            return new Selection.ArrayRelationshipField(alias, rel.join(), select(target, spec, path));
        }
        return new Selection.ObjectRelationshipField(alias, rel.join(),
                selections.single(target, columns(target, required(spec, "columns"), path + ".columns"), BoolExp.TRUE));
    }

    /** A column the role may select, by its name. */
    private ColumnInfo visibleColumn(TableModel table, String name, String path) {
        ColumnInfo column = table.columns().get(table.fieldName(name));
        if (column != null) {
            return column;
        }
        if (table.info().column(name).isPresent()) {
            throw new PlanningException("permission-denied", "role \"" + schema.role()
                    + "\" does not have permission to select column \"" + name + "\"", path);
        }
        throw PlanningException.validation("no such column exists: \"" + name + "\"", path);
    }

    // ---------------------------------------------------------------- mutations

    /** {@code {"affected_rows": n}} plus {@code "returning"} when asked for, as Hasura answers. */
    private Operation mutation(TableModel table, JsonNode args, Mutation mutation) {
        List<MutationOutput.ResponseField> fields = new ArrayList<>();
        fields.add(new MutationOutput.AffectedRows("affected_rows"));
        JsonNode returning = args.get("returning");
        if (returning != null && !returning.isNull()) {
            fields.add(new MutationOutput.Returning("returning", columns(table, returning, "$.args.returning"),
                    tables.selectFilter(table)));
        }
        return new Operation(Operation.Kind.MUTATION, List.of(new RootNode.Mutate(ROOT, mutation,
                new MutationOutput.Response(fields))));
    }

    /** {@code objects}: an array of row objects (or one object). */
    private static JsonNode objects(JsonNode args) {
        JsonNode objects = required(args, "objects");
        if (!objects.isObject() && !(objects.isArray()
                && StreamSupport.stream(objects.spliterator(), false).allMatch(JsonNode::isObject))) {
            throw PlanningException.validation("expected an array of objects", "$.args.objects");
        }
        return objects;
    }

    private BoolExp where(TableModel table, JsonNode where) {
        return mutations.where(table, input(expression(table, BoolExpSpellings.normalize(where))), "$");
    }

    private static Map<String, Input> updateArguments(TableModel table, JsonNode args) {
        Map<String, Input> out = new LinkedHashMap<>();
        for (String op : V1_OPERATORS.keySet()) {
            out.put(op, input(V1Names.columns(table, args.get(op))));
        }
        if (args.has("values") && !args.has("$set")) {
            out.put("$set", input(V1Names.columns(table, args.get("values"))));
        }
        return out;
    }

    /** A boolean expression or order_by in Postgres column names, in GraphQL field names. */
    private JsonNode expression(TableModel table, JsonNode exp) {
        return V1Names.expression(table, exp, rel -> tables.roleTable(rel.target()));
    }

    /**
     * v1 {@code on_conflict} ({@code constraint} or {@code constraint_on}, {@code action} ignore|update) as the
     * GraphQL argument: {@code update} changes the columns the objects give (or {@code update_columns}).
     */
    private Input onConflict(TableModel table, JsonNode args) {
        JsonNode oc = args.get("on_conflict");
        if (oc == null || oc.isNull()) {
            return Input.NULL;
        }
        String path = "$.args.on_conflict";
        String action = oc.path("action").asText("");
        if (!action.equals("ignore") && !action.equals("update")) {
            throw PlanningException.validation("Expecting 'ignore' or 'update'", path + ".action");
        }
        String constraint = oc.path("constraint").asText(null);
        if (constraint == null && oc.has("constraint_on")) {
            Set<String> on = new LinkedHashSet<>();
            if (oc.get("constraint_on").isArray()) {
                oc.get("constraint_on").forEach(c -> on.add(c.asText()));
            } else {
                on.add(oc.get("constraint_on").asText());
            }
            constraint = table.info().uniqueConstraints().entrySet().stream()
                    .filter(e -> Set.copyOf(e.getValue()).equals(on)).map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> PlanningException.validation("constraint doesn't exist on columns " + on,
                            path + ".constraint_on"));
        }
        if (constraint == null) {
            throw PlanningException.validation("one of 'constraint' or 'constraint_on' is expected", path);
        }
        Set<String> update = new LinkedHashSet<>();
        if (action.equals("update")) {
            if (oc.path("update_columns").isArray()) {
                oc.get("update_columns").forEach(c -> update.add(c.asText()));
            } else {
                args.path("objects").forEach(o -> o.fieldNames().forEachRemaining(update::add));
            }
        }
        Map<String, Input> out = new LinkedHashMap<>();
        out.put("constraint", input(Json.F.textNode(constraint)));
        out.put("update_columns", input(V1Names.columns(table,
                Json.F.arrayNode().addAll(update.stream().map(Json.F::textNode).toList()))));
        return new Input.ObjectInput(out);
    }

    private static JsonNode required(JsonNode args, String key) {
        JsonNode v = args.get(key);
        if (v == null || v.isNull()) {
            throw new PlanningException("parse-failed", "the key '" + key + "' was not present", "$.args");
        }
        return v;
    }

    private static Input input(JsonNode json) {
        return InputReader.fromJson(json, false);
    }

    /** Small JSON helpers. */
    private static final class Json {
        static final JsonNodeFactory F =
                JsonNodeFactory.instance;

        /** {@code {"columns": ["*.*…"]}} with {@code depth} stars, for the relationships of a star. */
        static JsonNode stars(int depth) {
            String star = "*" + ".*".repeat(depth - 1);
            return F.objectNode().set("columns", F.arrayNode().add(star));
        }
    }
}
