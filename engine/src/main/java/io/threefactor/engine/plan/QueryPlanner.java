package io.threefactor.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import io.threefactor.engine.catalog.ColumnInfo;
import io.threefactor.engine.ir.BoolExp;
import io.threefactor.engine.ir.CompareOp;
import io.threefactor.engine.ir.Operation;
import io.threefactor.engine.ir.RootNode;
import io.threefactor.engine.ir.SqlValue;
import io.threefactor.engine.schema.RootField;
import io.threefactor.engine.schema.SchemaModel;
import io.threefactor.engine.schema.TableModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.threefactor.engine.error.PlanningException;

/**
 * Plans a validated operation into IR: one {@link RootNode} per root field, every table access filtered by
 * the role's permissions. Mutation roots are delegated to a {@link MutationPlanner} when one is installed.
 */
public final class QueryPlanner {

    private final MutationPlanner mutations;

    public QueryPlanner(MutationPlanner mutations) {
        this.mutations = mutations;
    }

    /**
     * @param shaping     values of the variables that shape the plan (all others become parameters)
     * @param declared    every variable the operation declares
     */
    public Operation plan(SchemaModel schema, TableLookup tables, OperationDefinition operation,
                          Map<String, FragmentDefinition> fragments, Map<String, JsonNode> shaping,
                          Set<String> declared) {
        InputReader inputs = new InputReader(shaping);
        FieldCollector collector = new FieldCollector(fragments, inputs);
        SelectionPlanner selections = new SelectionPlanner(tables, collector, inputs);
        Operation.Kind kind = switch (operation.getOperation()) {
            case MUTATION -> Operation.Kind.MUTATION;
            case SUBSCRIPTION -> Operation.Kind.SUBSCRIPTION;
            default -> Operation.Kind.QUERY;
        };
        String rootType = switch (kind) {
            case MUTATION -> "mutation_root";
            case SUBSCRIPTION -> "subscription_root";
            default -> "query_root";
        };
        Map<String, RootField> index = switch (kind) {
            case MUTATION -> schema.mutationFields();
            case SUBSCRIPTION -> schema.subscriptionFields();
            default -> schema.queryFields();
        };
        List<RootNode> roots = new ArrayList<>();
        collector.collect(operation.getSelectionSet(), rootType).forEach((key, fields) -> {
            Field field = fields.get(0);
            String name = field.getName();
            String path = "$.selectionSet." + key;
            if ("__typename".equals(name)) {
                roots.add(new RootNode.Constant(key, "\"" + rootType + "\""));
            } else if ("__schema".equals(name) || "__type".equals(name)) {
                throw new PlanningException("not-supported",
                        "introspection fields cannot be selected together with data fields", path);
            } else {
                RootField root = index.get(name);
                if (root == null) {
                    throw PlanningException.validation("field '" + name + "' not found in type: '" + rootType + "'", path);
                }
                roots.add(rootNode(root, key, fields, selections, inputs, tables, path));
            }
        });
        return new Operation(kind, roots);
    }

    private RootNode rootNode(RootField root, String key, List<Field> fields, SelectionPlanner selections,
                              InputReader inputs, TableLookup tables, String path) {
        TableModel table = root.table();
        return switch (root.kind()) {
            case SELECT -> new RootNode.SelectMany(key, selections.list(table, fields, path));
            case SELECT_AGGREGATE -> new RootNode.SelectAggregate(key, selections.aggregate(table, fields, path));
            case FUNCTION -> new RootNode.SelectMany(key, selections.functionRows(root.function(), fields, path));
            case FUNCTION_AGGREGATE -> new RootNode.SelectAggregate(key, selections.functionAggregate(root.function(), fields, path));
            case SELECT_BY_PK -> new RootNode.SelectOne(key,
                    selections.single(table, fields, primaryKeyFilter(table, selections.arguments(fields.get(0))), path));
            case SELECT_STREAM -> StreamPlanner.plan(table, key, fields, selections, path);
            default -> {
                if (mutations == null) {
                    throw new PlanningException("not-supported", "root field '" + root.name() + "' is not supported yet", path);
                }
                yield mutations.plan(root, key, fields, selections, inputs, tables, path);
            }
        };
    }

    static BoolExp primaryKeyFilter(TableModel table, Map<String, Input> args) {
        List<BoolExp> terms = new ArrayList<>();
        for (String column : table.info().primaryKey()) {
            ColumnInfo info = table.info().column(column).orElseThrow();
            Input value = args.getOrDefault(table.fieldName(column), Input.NULL);
            terms.add(new BoolExp.Compare(column, null, CompareOp.EQ, SqlValue.of(Constants.param(value), info.pgType())));
        }
        return terms.size() == 1 ? terms.get(0) : new BoolExp.And(terms);
    }

    /** Plans mutation root fields; supplied by the mutations package. */
    public interface MutationPlanner {
        RootNode plan(RootField root, String key, List<Field> fields, SelectionPlanner selections,
                      InputReader inputs, TableLookup tables, String path);
    }

}
