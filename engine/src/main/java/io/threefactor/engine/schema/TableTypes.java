package io.threefactor.engine.schema;

import graphql.Scalars;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeReference;
import io.threefactor.engine.catalog.ColumnInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.threefactor.engine.catalog.EnumValue;
import io.threefactor.engine.catalog.FunctionInfo;
import io.threefactor.engine.catalog.QualifiedTable;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;

import static graphql.schema.GraphQLTypeReference.typeRef;

/** Builds the GraphQL types Hasura derives from one table: object, aggregate, bool_exp, order_by, select_column. */
public final class TableTypes {

    /** Aggregate functions over numeric columns, with the GraphQL type of their result. */
    static final List<String> NUMERIC_AGGREGATES = List.of("avg", "stddev", "stddev_pop", "stddev_samp", "sum",
            "var_pop", "var_samp", "variance");
    static final List<String> ORDERED_AGGREGATES = List.of("max", "min");

    private final PgScalars scalars;
    private final ComparisonTypes comparisons;
    private final Map<QualifiedTable, TableModel> tables;

    TableTypes(PgScalars scalars, ComparisonTypes comparisons, Map<QualifiedTable, TableModel> tables) {
        this.scalars = scalars;
        this.comparisons = comparisons;
        this.tables = tables;
    }

    static String boolExp(TableModel t) { return t.typeName() + "_bool_exp"; }
    static String orderBy(TableModel t) { return t.typeName() + "_order_by"; }
    static String selectColumn(TableModel t) { return t.typeName() + "_select_column"; }
    static String aggregate(TableModel t) { return t.typeName() + "_aggregate"; }

    /** Every type of one table. */
    List<GraphQLType> build(TableModel t) {
        List<GraphQLType> types = new ArrayList<>();
        if (t.enumValues() != null) {
            types.add(enumType(new EnumTypeRef(t.enumTypeName(), t.enumValues()), t.info().comment()));
        }
        t.enumColumns().values().forEach(e -> types.add(enumType(e, null)));
        t.computedFields().values().forEach(ref -> functionArgsType(ref.resolve(null)).ifPresent(types::add));
        if (!t.canSelect()) {
            return types;
        }
        types.add(objectType(t));
        types.add(boolExpType(t));
        types.add(orderByType(t));
        if (!t.columns().isEmpty()) {
            types.add(selectColumnType(t));
        }
        if (t.aggregationsAllowed()) {
            types.add(GraphQLObjectType.newObject().name(aggregate(t))
                    .description("aggregated selection of \"" + t.name().name() + "\"")
                    .field(out("aggregate", typeRef(t.typeName() + "_aggregate_fields")))
                    .field(out("nodes", listOf(typeRef(t.typeName()))))
                    .build());
            types.addAll(aggregateFieldTypes(t));
        }
        types.addAll(aggregateOrderByTypes(t));
        return types;
    }

    /** An enum table's values as a GraphQL enum; values that are not GraphQL names are left out, as Hasura does. */
    private static GraphQLEnumType enumType(EnumTypeRef e, String description) {
        GraphQLEnumType.Builder b = GraphQLEnumType.newEnum().name(e.typeName()).description(description);
        int n = 0;
        for (EnumValue v : e.values()) {
            if (v.value().matches("[_A-Za-z][_0-9A-Za-z]*") && !List.of("true", "false", "null").contains(v.value())) {
                b.value(v.value(), v.value(), v.comment());
                n++;
            }
        }
        if (n == 0) {
            b.value("_PLACEHOLDER", "_PLACEHOLDER", "the enum table has no values");
        }
        return b.build();
    }

    /** {@code <function>_args}: the arguments a client passes to a function (not the row or session ones). */
    Optional<GraphQLInputObjectType> functionArgsType(FunctionModel f) {
        if (f.userArguments().isEmpty()) {
            return Optional.empty();
        }
        GraphQLInputObjectType.Builder b = GraphQLInputObjectType.newInputObject().name(f.argumentsTypeName());
        for (FunctionInfo.Argument a : f.userArguments()) {
            GraphQLInputType scalar = scalars.scalar(PgScalars.scalarName(a));
            b.field(ComparisonTypes.field(a.name(), a.array() ? GraphQLList.list(GraphQLNonNull.nonNull(scalar)) : scalar));
        }
        return Optional.of(b.build());
    }

    /** The {@code args} argument of a function field, required when an argument has no default. */
    Optional<GraphQLArgument> functionArgument(FunctionModel f) {
        if (f.userArguments().isEmpty()) {
            return Optional.empty();
        }
        GraphQLInputType type = typeRef(f.argumentsTypeName());
        return Optional.of(arg("args", f.argumentsRequired() ? GraphQLNonNull.nonNull(type) : type,
                "input parameters for function \"" + f.function().name().name() + "\""));
    }

    /** The arguments every list selection takes: distinct_on, limit, offset, order_by, where. */
    List<GraphQLArgument> selectArguments(TableModel t) {
        List<GraphQLArgument> args = new ArrayList<>();
        if (!t.columns().isEmpty()) {
            args.add(arg("distinct_on", GraphQLList.list(GraphQLNonNull.nonNull(typeRef(selectColumn(t)))),
                    "distinct select on columns"));
        }
        args.add(arg("limit", IntScalar.INT, "limit the number of rows returned"));
        args.add(arg("offset", IntScalar.INT, "skip the first n rows. Use only with order_by"));
        args.add(arg("order_by", GraphQLList.list(GraphQLNonNull.nonNull(typeRef(orderBy(t)))), "sort the rows by one or more columns"));
        args.add(arg("where", typeRef(boolExp(t)), "filter the rows returned"));
        return args;
    }

    private GraphQLObjectType objectType(TableModel t) {
        GraphQLObjectType.Builder b = GraphQLObjectType.newObject().name(t.typeName())
                .description(t.info().comment() != null ? t.info().comment()
                        : "columns and relationships of \"" + t.name().name() + "\"");
        t.columns().forEach((field, c) -> {
            GraphQLFieldDefinition.Builder f = GraphQLFieldDefinition.newFieldDefinition().name(field)
                    .description(c.comment()).type(columnOutputType(t, c));
            if ("json".equals(c.typeName()) || "jsonb".equals(c.typeName())) {
                f.argument(arg("path", Scalars.GraphQLString, "JSON select path"));
            }
            b.field(f.build());
        });
        selectableRelationships(t).forEach((name, rel) -> {
            TableModel target = targetOf(rel);
            if (rel.isArray()) {
                b.field(GraphQLFieldDefinition.newFieldDefinition().name(name)
                        .description(rel.comment() != null ? rel.comment() : "An array relationship")
                        .arguments(selectArguments(target)).type(listOf(typeRef(target.typeName()))).build());
                if (target.aggregationsAllowed()) {
                    b.field(GraphQLFieldDefinition.newFieldDefinition().name(name + "_aggregate")
                            .description("An aggregate relationship").arguments(selectArguments(target))
                            .type(GraphQLNonNull.nonNull(typeRef(aggregate(target)))).build());
                }
            } else {
                GraphQLOutputType type = typeRef(target.typeName());
                b.field(GraphQLFieldDefinition.newFieldDefinition().name(name)
                        .description(rel.comment() != null ? rel.comment() : "An object relationship")
                        .type(objectRelationshipRequired(t, rel, target) ? GraphQLNonNull.nonNull(type) : type).build());
            }
        });
        t.computedFields().forEach((name, ref) -> {
            FunctionModel f = ref.resolve(ref.returnsTable() == null ? null : tables.get(ref.returnsTable()));
            if (f.returnsRows() && (f.returns() == null || !f.returns().canSelect())) {
                return;
            }
            GraphQLFieldDefinition.Builder field = GraphQLFieldDefinition.newFieldDefinition().name(name)
                    .description(computedFieldDescription(ref));
            functionArgument(f).ifPresent(field::argument);
            if (f.returnsRows()) {
                field.arguments(selectArguments(f.returns())).type(listOf(typeRef(f.returns().typeName())));
            } else {
                field.type(scalars.scalar(PgScalars.scalarName(ref.scalarType())));
            }
            b.field(field.build());
        });
        if (t.columns().isEmpty() && selectableRelationships(t).isEmpty()) {
            b.field(out("_no_fields_accessible", Scalars.GraphQLString));
        }
        return b.build();
    }

    /** As in Hasura: an object relationship over non-null foreign key columns always finds its row. */
    private static boolean objectRelationshipRequired(TableModel source, RelationshipModel rel, TableModel target) {
        boolean keyOnSource = source.info().foreignKeys().stream().anyMatch(fk -> fk.refTable().equals(rel.target())
                && fk.columns().equals(rel.join().stream().map(JoinColumn::sourceColumn).toList()));
        boolean notNull = rel.join().stream().allMatch(j -> source.info().column(j.sourceColumn())
                .map(c -> !c.nullable()).orElse(false));
        boolean unfiltered = target.admin() || (target.select() != null && target.select().filter().isEmpty());
        return keyOnSource && notNull && unfiltered;
    }

    GraphQLOutputType columnOutputType(TableModel t, ColumnInfo c) {
        EnumTypeRef enumType = t.enumColumns().get(c.name());
        GraphQLOutputType scalar = enumType != null ? typeRef(enumType.typeName()) : scalars.scalar(PgScalars.scalarName(c));
        GraphQLOutputType type = c.array() ? GraphQLList.list(GraphQLNonNull.nonNull(scalar)) : scalar;
        return c.nullable() ? type : GraphQLNonNull.nonNull(type);
    }

    GraphQLInputType columnInputType(TableModel t, ColumnInfo c) {
        EnumTypeRef enumType = t.enumColumns().get(c.name());
        GraphQLInputType scalar = enumType != null ? typeRef(enumType.typeName()) : scalars.scalar(PgScalars.scalarName(c));
        return c.array() ? GraphQLList.list(GraphQLNonNull.nonNull(scalar)) : scalar;
    }

    private GraphQLInputObjectType boolExpType(TableModel t) {
        String name = boolExp(t);
        GraphQLInputObjectType.Builder b = GraphQLInputObjectType.newInputObject().name(name)
                .description("Boolean expression to filter rows from the table \"" + t.name().name()
                        + "\". All fields are combined with a logical 'AND'.")
                .field(ComparisonTypes.field("_and", GraphQLList.list(GraphQLNonNull.nonNull(typeRef(name)))))
                .field(ComparisonTypes.field("_not", typeRef(name)))
                .field(ComparisonTypes.field("_or", GraphQLList.list(GraphQLNonNull.nonNull(typeRef(name)))));
        t.columns().forEach((field, c) -> b.field(ComparisonTypes.field(field, t.enumColumns().containsKey(c.name())
                ? comparisons.enumComparison(t.enumColumns().get(c.name()).typeName())
                : comparisons.comparison(PgScalars.scalarName(c), c.array()))));
        selectableRelationships(t).forEach((name2, rel) -> b.field(ComparisonTypes.field(name2, typeRef(boolExp(targetOf(rel))))));
        t.computedFields().forEach((name2, ref) -> {
            if (ref.scalarType() != null && ref.userArguments().isEmpty()) {
                b.field(ComparisonTypes.field(name2, comparisons.comparison(PgScalars.scalarName(ref.scalarType()), false)));
            }
            TableModel rows = argumentlessRows(ref);
            if (rows != null) {
                b.field(ComparisonTypes.field(name2, typeRef(boolExp(rows))));
            }
        });
        return b.build();
    }

    private GraphQLInputObjectType orderByType(TableModel t) {
        GraphQLInputObjectType.Builder b = GraphQLInputObjectType.newInputObject().name(orderBy(t))
                .description("Ordering options when selecting data from \"" + t.name().name() + "\".");
        t.columns().forEach((field, c) -> b.field(ComparisonTypes.field(field, comparisons.orderBy())));
        selectableRelationships(t).forEach((name, rel) -> {
            TableModel target = targetOf(rel);
            if (rel.isArray()) {
                b.field(ComparisonTypes.field(name + "_aggregate", typeRef(target.typeName() + "_aggregate_order_by")));
            } else {
                b.field(ComparisonTypes.field(name, typeRef(orderBy(target))));
            }
        });
        t.computedFields().forEach((name, ref) -> {
            if (ref.scalarType() != null && ref.userArguments().isEmpty()) {
                b.field(ComparisonTypes.field(name, comparisons.orderBy()));
            }
            TableModel rows = argumentlessRows(ref);
            if (rows != null) {
                b.field(ComparisonTypes.field(name + "_aggregate", typeRef(rows.typeName() + "_aggregate_order_by")));
            }
        });
        if (t.columns().isEmpty() && selectableRelationships(t).isEmpty()) {
            b.field(ComparisonTypes.field("_no_fields_accessible", comparisons.orderBy()));
        }
        return b.build();
    }

    private GraphQLEnumType selectColumnType(TableModel t) {
        GraphQLEnumType.Builder b = GraphQLEnumType.newEnum().name(selectColumn(t))
                .description("select columns of table \"" + t.name().name() + "\"");
        t.columns().keySet().forEach(field -> b.value(field, field, "column name"));
        return b.build();
    }

    private List<GraphQLType> aggregateFieldTypes(TableModel t) {
        List<GraphQLType> types = new ArrayList<>();
        GraphQLObjectType.Builder fields = GraphQLObjectType.newObject().name(t.typeName() + "_aggregate_fields")
                .description("aggregate fields of \"" + t.name().name() + "\"");
        GraphQLFieldDefinition.Builder count = GraphQLFieldDefinition.newFieldDefinition().name("count")
                .type(GraphQLNonNull.nonNull(IntScalar.INT));
        if (!t.columns().isEmpty()) {
            count.argument(arg("columns", GraphQLList.list(GraphQLNonNull.nonNull(typeRef(selectColumn(t)))), null))
                    .argument(arg("distinct", Scalars.GraphQLBoolean, null));
        }
        fields.field(count.build());
        for (String op : aggregateOps()) {
            GraphQLObjectType.Builder opType = GraphQLObjectType.newObject().name(t.typeName() + "_" + op + "_fields")
                    .description("aggregate " + op + " on columns");
            int n = 0;
            for (Map.Entry<String, ColumnInfo> e : t.columns().entrySet()) {
                if (appliesTo(op, e.getValue())) {
                    opType.field(out(e.getKey(), aggregateResultType(op, e.getValue())));
                    n++;
                }
            }
            if (n > 0) {
                types.add(opType.build());
                fields.field(out(op, typeRef(t.typeName() + "_" + op + "_fields")));
            }
        }
        types.add(0, fields.build());
        return types;
    }

    private List<GraphQLType> aggregateOrderByTypes(TableModel t) {
        List<GraphQLType> types = new ArrayList<>();
        GraphQLInputObjectType.Builder agg = GraphQLInputObjectType.newInputObject()
                .name(t.typeName() + "_aggregate_order_by")
                .description("order by aggregate values of table \"" + t.name().name() + "\"")
                .field(ComparisonTypes.field("count", comparisons.orderBy()));
        for (String op : aggregateOps()) {
            GraphQLInputObjectType.Builder opType = GraphQLInputObjectType.newInputObject()
                    .name(t.typeName() + "_" + op + "_order_by")
                    .description("order by " + op + "() on columns of table \"" + t.name().name() + "\"");
            int n = 0;
            for (Map.Entry<String, ColumnInfo> e : t.columns().entrySet()) {
                if (appliesTo(op, e.getValue())) {
                    opType.field(ComparisonTypes.field(e.getKey(), comparisons.orderBy()));
                    n++;
                }
            }
            if (n > 0) {
                types.add(opType.build());
                agg.field(ComparisonTypes.field(op, typeRef(t.typeName() + "_" + op + "_order_by")));
            }
        }
        types.add(0, agg.build());
        return types;
    }

    /** Every aggregate function a {@code t_aggregate_fields} or {@code t_aggregate_order_by} may name. */
    public static final Set<String> AGGREGATE_FUNCTIONS = Set.copyOf(aggregateOps());

    static List<String> aggregateOps() {
        List<String> ops = new ArrayList<>(NUMERIC_AGGREGATES);
        ops.addAll(ORDERED_AGGREGATES);
        ops.sort(String::compareTo);
        return ops;
    }

    static boolean appliesTo(String op, ColumnInfo c) {
        if (c.array()) {
            return false;
        }
        String scalar = PgScalars.scalarName(c);
        return ORDERED_AGGREGATES.contains(op) ? PgScalars.ordered(scalar) : PgScalars.numeric(scalar);
    }

    private GraphQLOutputType aggregateResultType(String op, ColumnInfo c) {
        if (ORDERED_AGGREGATES.contains(op) || "sum".equals(op)) {
            return scalars.scalar(PgScalars.scalarName(c));
        }
        return Scalars.GraphQLFloat;
    }

    /** Relationships whose target the role may select: those appear in output types and filters. */
    Map<String, RelationshipModel> selectableRelationships(TableModel t) {
        Map<String, RelationshipModel> out = new LinkedHashMap<>();
        t.relationships().forEach((name, rel) -> {
            if (targetOf(rel).canSelect()) {
                out.put(name, rel);
            }
        });
        return out;
    }

    TableModel targetOf(RelationshipModel rel) {
        return tables.get(rel.target());
    }

    static GraphQLOutputType listOf(GraphQLTypeReference ref) {
        return GraphQLNonNull.nonNull(GraphQLList.list(GraphQLNonNull.nonNull(ref)));
    }

    static GraphQLFieldDefinition out(String name, GraphQLOutputType type) {
        return GraphQLFieldDefinition.newFieldDefinition().name(name).type(type).build();
    }

    /** The selectable table a computed field without client arguments returns rows of, or null. */
    private TableModel argumentlessRows(ComputedFieldRef ref) {
        if (ref.returnsTable() == null || !ref.userArguments().isEmpty()) {
            return null;
        }
        TableModel rows = tables.get(ref.returnsTable());
        return rows != null && rows.canSelect() ? rows : null;
    }

    /**
     * As Hasura: the metadata's comment (an empty one means none), else the function's comment in the database, else
     * a sentence naming the function ({@code public} left out).
     */
    private static String computedFieldDescription(ComputedFieldRef ref) {
        if (ref.comment() != null) {
            return ref.comment().isEmpty() ? null : ref.comment();
        }
        if (ref.function().comment() != null) {
            return ref.function().comment();
        }
        QualifiedTable fn = ref.function().name();
        return "A computed field, executes function \"" + ("public".equals(fn.schema()) ? fn.name() : fn.toString()) + "\"";
    }

    static GraphQLArgument arg(String name, GraphQLInputType type, String description) {
        return GraphQLArgument.newArgument().name(name).type(type).description(description).build();
    }
}
