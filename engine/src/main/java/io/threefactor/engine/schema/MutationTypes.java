package io.threefactor.engine.schema;

import graphql.Scalars;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import io.threefactor.engine.catalog.ColumnInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLOutputType;

import static graphql.schema.GraphQLTypeReference.typeRef;

/**
 * Hasura's mutation root fields and input types for one table: insert (with nested inserts and on_conflict),
 * update (with every operator and _many), delete — each as the role's permissions allow.
 */
public final class MutationTypes implements MutationSchemaContributor {

    /** The jsonb update operators and the GraphQL type of their per-column value. */
    static final Map<String, String> JSONB_OPERATORS = Map.of(
            "_append", "jsonb", "_prepend", "jsonb", "_delete_key", "String", "_delete_elem", "Int",
            "_delete_at_path", "[String!]");

    @Override
    public void contribute(TableModel t, TableTypes types, List<GraphQLType> out, GraphQLObjectType.Builder root,
                           Map<String, RootField> index) {
        if (!t.info().kind().mutable()) {
            return;
        }
        String name = t.typeName();
        boolean hasConstraints = !t.info().uniqueConstraints().isEmpty();
        if (t.canInsert() || t.canUpdate() || t.canDelete()) {
            out.add(responseType(t));
        }
        if (t.canInsert()) {
            out.add(insertInput(t, types));
            out.add(GraphQLInputObjectType.newInputObject().name(name + "_obj_rel_insert_input")
                    .description("input type for inserting object relation for remote table \"" + t.name().name() + "\"")
                    .field(field("data", GraphQLNonNull.nonNull(typeRef(name + "_insert_input"))))
                    .fields(upsertAllowed(t) ? List.of(field("on_conflict", typeRef(name + "_on_conflict"))) : List.of())
                    .build());
            out.add(GraphQLInputObjectType.newInputObject().name(name + "_arr_rel_insert_input")
                    .description("input type for inserting array relation for remote table \"" + t.name().name() + "\"")
                    .field(field("data", GraphQLNonNull.nonNull(GraphQLList.list(GraphQLNonNull.nonNull(typeRef(name + "_insert_input"))))))
                    .fields(upsertAllowed(t) ? List.of(field("on_conflict", typeRef(name + "_on_conflict"))) : List.of())
                    .build());
            List<GraphQLArgument> conflict = upsertAllowed(t)
                    ? List.of(TableTypes.arg("on_conflict", typeRef(name + "_on_conflict"), "upsert condition"))
                    : List.of();
            if (upsertAllowed(t)) {
                out.addAll(conflictTypes(t));
            }
            List<GraphQLArgument> many = new ArrayList<>(List.of(TableTypes.arg("objects", GraphQLNonNull.nonNull(
                    GraphQLList.list(GraphQLNonNull.nonNull(typeRef(name + "_insert_input")))), "the rows to be inserted")));
            many.addAll(conflict);
            root.field(field(t, RootFieldKind.INSERT, index, "insert data into the table: \"" + t.name().name() + "\"",
                    many, typeRef(name + "_mutation_response")));
            if (t.canSelect()) {
                List<GraphQLArgument> one = new ArrayList<>(List.of(TableTypes.arg("object",
                        GraphQLNonNull.nonNull(typeRef(name + "_insert_input")), "the row to be inserted")));
                one.addAll(conflict);
                root.field(field(t, RootFieldKind.INSERT_ONE, index, "insert a single row into the table: \"" + t.name().name() + "\"",
                        one, typeRef(name)));
            }
        }
        if (t.canUpdate() && t.canSelect() && !t.updateColumns().isEmpty()) {
            out.addAll(updateInputs(t, types));
            root.field(field(t, RootFieldKind.UPDATE, index, "update data of the table: \"" + t.name().name() + "\"",
                    withOperators(t, List.of(TableTypes.arg("where", GraphQLNonNull.nonNull(typeRef(TableTypes.boolExp(t))),
                            "filter the rows which have to be updated"))), typeRef(name + "_mutation_response")));
            if (!t.selectablePrimaryKey().isEmpty()) {
                out.add(pkColumnsInput(t, types));
                root.field(field(t, RootFieldKind.UPDATE_BY_PK, index, "update single row of the table: \"" + t.name().name() + "\"",
                        withOperators(t, List.of(TableTypes.arg("pk_columns", GraphQLNonNull.nonNull(typeRef(name + "_pk_columns_input")), null))),
                        typeRef(name)));
            }
            out.add(GraphQLInputObjectType.newInputObject().name(name + "_updates")
                    .field(field("where", GraphQLNonNull.nonNull(typeRef(TableTypes.boolExp(t)))))
                    .fields(operatorArguments(t).stream().map(a -> field(a.getName(), a.getType())).toList())
                    .build());
            root.field(field(t, RootFieldKind.UPDATE_MANY, index, "update multiples rows of table: \"" + t.name().name() + "\"",
                    List.of(TableTypes.arg("updates", GraphQLNonNull.nonNull(GraphQLList.list(GraphQLNonNull.nonNull(
                            typeRef(name + "_updates")))), "updates to execute, in order")),
                    GraphQLList.list(typeRef(name + "_mutation_response"))));
        }
        if (t.canDelete() && t.canSelect()) {
            root.field(field(t, RootFieldKind.DELETE, index, "delete data from the table: \"" + t.name().name() + "\"",
                    List.of(TableTypes.arg("where", GraphQLNonNull.nonNull(typeRef(TableTypes.boolExp(t))),
                            "filter the rows which have to be deleted")), typeRef(name + "_mutation_response")));
            List<String> pk = t.selectablePrimaryKey();
            if (!pk.isEmpty()) {
                List<GraphQLArgument> args = new ArrayList<>();
                for (String column : pk) {
                    ColumnInfo c = t.info().column(column).orElseThrow();
                    args.add(TableTypes.arg(t.fieldName(column), GraphQLNonNull.nonNull(types.columnInputType(t, c)), null));
                }
                root.field(field(t, RootFieldKind.DELETE_BY_PK, index, "delete single row from the table: \"" + t.name().name() + "\"",
                        args, typeRef(name)));
            }
        }
    }

    /** Hasura offers on_conflict when the table has unique constraints and the role may also update it. */
    static boolean upsertAllowed(TableModel t) {
        return !t.info().uniqueConstraints().isEmpty() && t.canUpdate() && t.canSelect();
    }

    private static GraphQLObjectType responseType(TableModel t) {
        GraphQLObjectType.Builder b = GraphQLObjectType.newObject().name(t.typeName() + "_mutation_response")
                .description("response of any mutation on the table \"" + t.name().name() + "\"")
                .field(TableTypes.out("affected_rows", GraphQLNonNull.nonNull(IntScalar.INT)));
        if (t.canSelect()) {
            b.field(TableTypes.out("returning", TableTypes.listOf(typeRef(t.typeName()))));
        }
        return b.build();
    }

    private static GraphQLInputObjectType insertInput(TableModel t, TableTypes types) {
        GraphQLInputObjectType.Builder b = GraphQLInputObjectType.newInputObject().name(t.typeName() + "_insert_input")
                .description("input type for inserting data into table \"" + t.name().name() + "\"");
        for (ColumnInfo c : t.insertColumns()) {
            b.field(field(t.fieldName(c.name()), types.columnInputType(t, c)));
        }
        t.relationships().forEach((name, rel) -> {
            TableModel target = types.targetOf(rel);
            if (target.canInsert() && target.info().kind().mutable()) {
                b.field(field(name, typeRef(target.typeName() + (rel.isArray() ? "_arr_rel_insert_input" : "_obj_rel_insert_input"))));
            }
        });
        if (t.insertColumns().isEmpty() && t.relationships().isEmpty()) {
            b.field(field("_no_fields_accessible", Scalars.GraphQLString));
        }
        return b.build();
    }

    private static List<GraphQLType> conflictTypes(TableModel t) {
        GraphQLEnumType.Builder constraint = GraphQLEnumType.newEnum().name(t.typeName() + "_constraint")
                .description("unique or primary key constraints on table \"" + t.name().name() + "\"");
        t.info().uniqueConstraints().keySet().forEach(c -> constraint.value(c, c,
                "unique or primary key constraint on columns " + t.info().uniqueConstraints().get(c)));
        GraphQLEnumType.Builder updateColumn = GraphQLEnumType.newEnum().name(t.typeName() + "_update_column")
                .description("update columns of table \"" + t.name().name() + "\"");
        List<ColumnInfo> updatable = t.updateColumns();
        if (updatable.isEmpty()) {
            updateColumn.value("_PLACEHOLDER", "_PLACEHOLDER", "placeholder (do not use)");
        }
        updatable.forEach(c -> updateColumn.value(t.fieldName(c.name()), t.fieldName(c.name()), "column name"));
        GraphQLInputObjectType onConflict = GraphQLInputObjectType.newInputObject().name(t.typeName() + "_on_conflict")
                .description("on_conflict condition type for table \"" + t.name().name() + "\"")
                .field(field("constraint", GraphQLNonNull.nonNull(typeRef(t.typeName() + "_constraint"))))
                .field(GraphQLInputObjectField.newInputObjectField().name("update_columns")
                        .type(GraphQLNonNull.nonNull(GraphQLList.list(GraphQLNonNull.nonNull(typeRef(t.typeName() + "_update_column")))))
                        .defaultValueProgrammatic(List.of()).build())
                .field(field("where", typeRef(TableTypes.boolExp(t))))
                .build();
        return List.of(constraint.build(), updateColumn.build(), onConflict);
    }

    private static List<GraphQLType> updateInputs(TableModel t, TableTypes types) {
        List<GraphQLType> out = new ArrayList<>();
        GraphQLInputObjectType.Builder set = GraphQLInputObjectType.newInputObject().name(t.typeName() + "_set_input")
                .description("input type for updating data in table \"" + t.name().name() + "\"");
        t.updateColumns().forEach(c -> set.field(field(t.fieldName(c.name()), types.columnInputType(t, c))));
        out.add(set.build());
        List<ColumnInfo> numeric = numericColumns(t);
        if (!numeric.isEmpty()) {
            GraphQLInputObjectType.Builder inc = GraphQLInputObjectType.newInputObject().name(t.typeName() + "_inc_input")
                    .description("input type for incrementing numeric columns in table \"" + t.name().name() + "\"");
            numeric.forEach(c -> inc.field(field(t.fieldName(c.name()), types.columnInputType(t, c))));
            out.add(inc.build());
        }
        List<ColumnInfo> jsonb = jsonbColumns(t);
        if (!jsonb.isEmpty()) {
            JSONB_OPERATORS.forEach((op, valueType) -> {
                GraphQLInputObjectType.Builder b = GraphQLInputObjectType.newInputObject().name(t.typeName() + op + "_input");
                for (ColumnInfo c : jsonb) {
                    b.field(field(t.fieldName(c.name()), switch (valueType) {
                        case "String" -> Scalars.GraphQLString;
                        case "Int" -> IntScalar.INT;
                        case "[String!]" -> GraphQLList.list(GraphQLNonNull.nonNull(Scalars.GraphQLString));
                        default -> types.columnInputType(t, c);
                    }));
                }
                out.add(b.build());
            });
        }
        return out;
    }

    private static GraphQLInputObjectType pkColumnsInput(TableModel t, TableTypes types) {
        GraphQLInputObjectType.Builder b = GraphQLInputObjectType.newInputObject().name(t.typeName() + "_pk_columns_input")
                .description("primary key columns input for table: " + t.name().name());
        for (String column : t.info().primaryKey()) {
            b.field(field(t.fieldName(column), GraphQLNonNull.nonNull(types.columnInputType(t, t.info().column(column).orElseThrow()))));
        }
        return b.build();
    }

    private static List<GraphQLArgument> withOperators(TableModel t, List<GraphQLArgument> first) {
        List<GraphQLArgument> args = new ArrayList<>(first);
        args.addAll(operatorArguments(t));
        return args;
    }

    private static List<GraphQLArgument> operatorArguments(TableModel t) {
        List<GraphQLArgument> args = new ArrayList<>();
        args.add(TableTypes.arg("_set", typeRef(t.typeName() + "_set_input"), "sets the columns of the filtered rows to the given values"));
        if (!numericColumns(t).isEmpty()) {
            args.add(TableTypes.arg("_inc", typeRef(t.typeName() + "_inc_input"), "increments the numeric columns with given value of the filtered values"));
        }
        if (!jsonbColumns(t).isEmpty()) {
            for (String op : List.of("_append", "_prepend", "_delete_key", "_delete_elem", "_delete_at_path")) {
                args.add(TableTypes.arg(op, typeRef(t.typeName() + op + "_input"), null));
            }
        }
        return args;
    }

    static List<ColumnInfo> numericColumns(TableModel t) {
        return t.updateColumns().stream().filter(c -> !c.array() && PgScalars.numeric(PgScalars.scalarName(c))).toList();
    }

    static List<ColumnInfo> jsonbColumns(TableModel t) {
        return t.updateColumns().stream().filter(c -> !c.array() && "jsonb".equals(c.typeName())).toList();
    }

    private static GraphQLFieldDefinition field(TableModel t, RootFieldKind kind, Map<String, RootField> index,
                                                String description, List<GraphQLArgument> args,
                                                GraphQLOutputType type) {
        String name = t.rootFieldName(kind);
        index.put(name, new RootField(name, kind, t));
        return GraphQLFieldDefinition.newFieldDefinition().name(name).description(description).arguments(args).type(type).build();
    }

    private static GraphQLInputObjectField field(String name, GraphQLInputType type) {
        return GraphQLInputObjectField.newInputObjectField().name(name).type(type).build();
    }
}
