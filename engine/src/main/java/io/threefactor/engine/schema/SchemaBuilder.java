package io.threefactor.engine.schema;

import graphql.Scalars;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import io.threefactor.engine.catalog.ColumnInfo;
import io.threefactor.engine.catalog.QualifiedTable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLOutputType;

import static graphql.schema.GraphQLTypeReference.typeRef;

/** Builds one role's Hasura-shaped GraphQL schema from its resolved tables. */
public final class SchemaBuilder {

    private final List<MutationSchemaContributor> mutationContributors;

    public SchemaBuilder() {
        this(List.of());
    }

    public SchemaBuilder(List<MutationSchemaContributor> mutationContributors) {
        this.mutationContributors = List.copyOf(mutationContributors);
    }

    public SchemaModel build(String role, long metadataVersion, Map<QualifiedTable, TableModel> tables) {
        return build(role, metadataVersion, tables, List.of());
    }

    public SchemaModel build(String role, long metadataVersion, Map<QualifiedTable, TableModel> tables,
                             List<FunctionModel> functions) {
        PgScalars scalars = new PgScalars();
        ComparisonTypes comparisons = new ComparisonTypes(scalars);
        TableTypes tableTypes = new TableTypes(scalars, comparisons, tables);

        List<GraphQLType> types = new ArrayList<>();
        Map<String, RootField> queryFields = new LinkedHashMap<>();
        Map<String, RootField> subscriptionFields = new LinkedHashMap<>();
        Map<String, RootField> mutationFields = new LinkedHashMap<>();
        GraphQLObjectType.Builder query = GraphQLObjectType.newObject().name("query_root");
        GraphQLObjectType.Builder subscription = GraphQLObjectType.newObject().name("subscription_root");
        GraphQLObjectType.Builder mutation = GraphQLObjectType.newObject().name("mutation_root");

        for (TableModel t : tables.values()) {
            types.addAll(tableTypes.build(t));
            for (GraphQLFieldDefinition f : selectRootFields(t, tableTypes, queryFields, false)) {
                query.field(f);
            }
            for (GraphQLFieldDefinition f : selectRootFields(t, tableTypes, subscriptionFields, true)) {
                subscription.field(f);
            }
            if (t.canSelect() && !t.columns().isEmpty()) {
                types.addAll(streamCursorTypes(t, tableTypes, comparisons));
            }
            for (MutationSchemaContributor c : mutationContributors) {
                c.contribute(t, tableTypes, types, mutation, mutationFields);
            }
        }
        for (FunctionModel f : functions) {
            tableTypes.functionArgsType(f).ifPresent(types::add);
            if (f.mutation()) {
                functionRootFields(f, tableTypes, mutationFields).forEach(mutation::field);
                continue;
            }
            for (GraphQLFieldDefinition field : functionRootFields(f, tableTypes, queryFields)) {
                query.field(field);
            }
            for (GraphQLFieldDefinition field : functionRootFields(f, tableTypes, subscriptionFields)) {
                subscription.field(field);
            }
        }
        if (queryFields.isEmpty()) {
            query.field(TableTypes.out("no_queries_available", GraphQLNonNull.nonNull(Scalars.GraphQLString)));
        }
        types.addAll(comparisons.all());

        GraphQLSchema.Builder schema = GraphQLSchema.newSchema().query(query.build());
        if (!subscriptionFields.isEmpty()) {
            schema.subscription(subscription.build());
        }
        if (!mutationFields.isEmpty()) {
            schema.mutation(mutation.build());
        }
        Set<String> seen = new HashSet<>();
        for (GraphQLType type : types) {
            if (type instanceof GraphQLNamedType named && seen.add(named.getName())) {
                schema.additionalType(type);
            }
        }
        return new SchemaModel(role, metadataVersion, schema.build(), tables, queryFields, mutationFields,
                subscriptionFields);
    }

    private List<GraphQLFieldDefinition> selectRootFields(TableModel t, TableTypes tableTypes,
                                                          Map<String, RootField> index, boolean subscription) {
        List<GraphQLFieldDefinition> fields = new ArrayList<>();
        if (!t.canSelect()) {
            return fields;
        }
        String table = t.name().name();
        if (allowedRootField(t, "select", subscription)) {
            fields.add(root(t, RootFieldKind.SELECT, index, "fetch data from the table: \"" + table + "\"",
                    tableTypes.selectArguments(t), TableTypes.listOf(typeRef(t.typeName()))));
        }
        if (t.aggregationsAllowed() && allowedRootField(t, "select_aggregate", subscription)) {
            fields.add(root(t, RootFieldKind.SELECT_AGGREGATE, index, "fetch aggregated fields from the table: \"" + table + "\"",
                    tableTypes.selectArguments(t), GraphQLNonNull.nonNull(typeRef(TableTypes.aggregate(t)))));
        }
        List<String> pk = t.selectablePrimaryKey();
        if (!pk.isEmpty() && allowedRootField(t, "select_by_pk", subscription)) {
            List<GraphQLArgument> args = new ArrayList<>();
            for (String column : pk) {
                ColumnInfo c = t.info().column(column).orElseThrow();
                args.add(TableTypes.arg(t.fieldName(column), GraphQLNonNull.nonNull(tableTypes.columnInputType(t, c)), null));
            }
            fields.add(root(t, RootFieldKind.SELECT_BY_PK, index,
                    "fetch data from the table: \"" + table + "\" using primary key columns", args, typeRef(t.typeName())));
        }
        if (subscription && !t.columns().isEmpty() && allowedRootField(t, "select_stream", true)) {
            List<GraphQLArgument> args = List.of(
                    TableTypes.arg("batch_size", GraphQLNonNull.nonNull(IntScalar.INT),
                            "maximum number of rows returned in a single batch"),
                    TableTypes.arg("cursor", GraphQLNonNull.nonNull(GraphQLList.list(
                            typeRef(t.typeName() + "_stream_cursor_input"))), "cursor to stream the results returned by the query"),
                    TableTypes.arg("where", typeRef(TableTypes.boolExp(t)), "filter the rows returned"));
            fields.add(root(t, RootFieldKind.SELECT_STREAM, index,
                    "fetch data from the table in a streaming manner: \"" + table + "\"", args,
                    TableTypes.listOf(typeRef(t.typeName()))));
        }
        return fields;
    }

    /**
     * A tracked function's root fields: its rows, and their aggregate where the role may aggregate (not for a
     * mutation, which Hasura exposes as the rows only).
     */
    private static List<GraphQLFieldDefinition> functionRootFields(FunctionModel f, TableTypes tableTypes,
                                                                   Map<String, RootField> index) {
        List<GraphQLFieldDefinition> fields = new ArrayList<>();
        TableModel t = f.returns();
        List<GraphQLArgument> args = new ArrayList<>();
        tableTypes.functionArgument(f).ifPresent(args::add);
        args.addAll(tableTypes.selectArguments(t));
        String description = f.description() != null ? f.description()
                : "execute function \"" + f.function().name().name() + "\" which returns \"" + t.name().name() + "\"";
        index.put(f.name(), new RootField(f.name(), RootFieldKind.FUNCTION, t, f));
        fields.add(GraphQLFieldDefinition.newFieldDefinition().name(f.name()).description(description)
                .arguments(args).type(TableTypes.listOf(typeRef(t.typeName()))).build());
        if (t.aggregationsAllowed() && !f.mutation()) {
            String aggregate = f.aggregateName();
            index.put(aggregate, new RootField(aggregate, RootFieldKind.FUNCTION_AGGREGATE, t, f));
            fields.add(GraphQLFieldDefinition.newFieldDefinition().name(aggregate).description(description)
                    .arguments(args).type(GraphQLNonNull.nonNull(typeRef(TableTypes.aggregate(t)))).build());
        }
        return fields;
    }

    /** Hasura's {@code query_root_fields}/{@code subscription_root_fields} restrict which root fields a role gets. */
    private static boolean allowedRootField(TableModel t, String key, boolean subscription) {
        if (t.admin()) {
            return true;
        }
        List<String> allowed = subscription ? t.select().subscriptionRootFields() : t.select().queryRootFields();
        return allowed == null || allowed.contains(key);
    }

    private static GraphQLFieldDefinition root(TableModel t, RootFieldKind kind, Map<String, RootField> index,
                                               String description, List<GraphQLArgument> args,
                                               GraphQLOutputType type) {
        String name = t.rootFieldName(kind);
        index.put(name, new RootField(name, kind, t));
        return GraphQLFieldDefinition.newFieldDefinition().name(name).description(description)
                .arguments(args).type(type).build();
    }

    private static List<GraphQLType> streamCursorTypes(TableModel t, TableTypes tableTypes, ComparisonTypes comparisons) {
        GraphQLInputObjectType.Builder value = GraphQLInputObjectType.newInputObject()
                .name(t.typeName() + "_stream_cursor_value_input")
                .description("Initial value of the column from where the streaming should start");
        t.columns().forEach((field, c) -> value.field(ComparisonTypes.field(field, tableTypes.columnInputType(t, c))));
        GraphQLInputObjectType cursor = GraphQLInputObjectType.newInputObject()
                .name(t.typeName() + "_stream_cursor_input")
                .description("Streaming cursor of the table \"" + t.name().name() + "\"")
                .field(ComparisonTypes.field("initial_value", GraphQLNonNull.nonNull(typeRef(t.typeName() + "_stream_cursor_value_input"))))
                .field(ComparisonTypes.field("ordering", comparisons.cursorOrdering()))
                .build();
        return List.of(value.build(), cursor);
    }
}
