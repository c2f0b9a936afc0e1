package io.threefactor.engine.schema;

import graphql.Scalars;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLTypeReference;

import java.util.LinkedHashMap;
import java.util.Map;
import graphql.schema.GraphQLType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The shared input types of boolean expressions and ordering: {@code <scalar>_comparison_exp},
 * {@code order_by}, {@code cursor_ordering} and the PostGIS/jsonb helper inputs. Built once per schema.
 */
final class ComparisonTypes {

    static final String ORDER_BY = "order_by";
    static final String CURSOR_ORDERING = "cursor_ordering";

    private final PgScalars scalars;
    private final Map<String, GraphQLInputObjectType> comparisons = new LinkedHashMap<>();
    private final Map<String, GraphQLType> extra = new LinkedHashMap<>();

    ComparisonTypes(PgScalars scalars) {
        this.scalars = scalars;
        extra.put(ORDER_BY, GraphQLEnumType.newEnum().name(ORDER_BY)
                .description("column ordering options")
                .value("asc", "asc", "in ascending order, nulls last")
                .value("asc_nulls_first", "asc_nulls_first", "in ascending order, nulls first")
                .value("asc_nulls_last", "asc_nulls_last", "in ascending order, nulls last")
                .value("desc", "desc", "in descending order, nulls first")
                .value("desc_nulls_first", "desc_nulls_first", "in descending order, nulls first")
                .value("desc_nulls_last", "desc_nulls_last", "in descending order, nulls last")
                .build());
        extra.put(CURSOR_ORDERING, GraphQLEnumType.newEnum().name(CURSOR_ORDERING)
                .description("ordering argument of a cursor")
                .value("ASC", "ASC", "ascending ordering of the cursor")
                .value("DESC", "DESC", "descending ordering of the cursor")
                .build());
    }

    GraphQLEnumType orderBy() {
        return (GraphQLEnumType) extra.get(ORDER_BY);
    }

    GraphQLEnumType cursorOrdering() {
        return (GraphQLEnumType) extra.get(CURSOR_ORDERING);
    }

    /** {@code <scalar>_comparison_exp}, or {@code _<scalar>_comparison_exp}-style list comparisons for arrays. */
    GraphQLInputType comparison(String scalar, boolean array) {
        String name = (array ? scalar + "_array" : scalar) + "_comparison_exp";
        GraphQLInputObjectType existing = comparisons.get(name);
        if (existing != null) {
            return existing;
        }
        GraphQLInputType value = array ? GraphQLList.list(GraphQLNonNull.nonNull(scalars.scalar(scalar)))
                : scalars.scalar(scalar);
        GraphQLInputType values = GraphQLList.list(GraphQLNonNull.nonNull(value));
        GraphQLInputObjectType.Builder b = GraphQLInputObjectType.newInputObject().name(name)
                .description("Boolean expression to compare columns of type \"" + scalar + "\". All fields are combined with logical 'AND'.");
        for (String op : new String[]{"_eq", "_neq", "_gt", "_gte", "_lt", "_lte"}) {
            b.field(field(op, value));
        }
        b.field(field("_in", values)).field(field("_nin", values)).field(field("_is_null", Scalars.GraphQLBoolean));
        if (array) {
            b.field(field("_contains", value)).field(field("_contained_in", value));
        } else if (PgScalars.textual(scalar)) {
            for (String op : new String[]{"_like", "_nlike", "_ilike", "_nilike", "_similar", "_nsimilar",
                    "_regex", "_nregex", "_iregex", "_niregex"}) {
                b.field(field(op, value));
            }
        } else if ("jsonb".equals(scalar)) {
            b.field(field("_contains", value)).field(field("_contained_in", value))
                    .field(field("_has_key", Scalars.GraphQLString))
                    .field(field("_has_keys_any", GraphQLList.list(GraphQLNonNull.nonNull(Scalars.GraphQLString))))
                    .field(field("_has_keys_all", GraphQLList.list(GraphQLNonNull.nonNull(Scalars.GraphQLString))))
                    .field(field("_cast", jsonbCast()));
        } else if ("geometry".equals(scalar)) {
            for (String op : new String[]{"_st_contains", "_st_crosses", "_st_equals", "_st_intersects",
                    "_st_overlaps", "_st_touches", "_st_within"}) {
                b.field(field(op, value));
            }
            b.field(field("_st_d_within", dWithin("st_d_within_input", "geometry", false)));
            b.field(field("_st_3d_d_within", dWithin("st_d_within_input", "geometry", false)));
            b.field(field("_st_3d_intersects", value));
            b.field(field("_cast", postgisCast("geometry_cast_exp", "geography")));
        } else if ("ltree".equals(scalar)) {
            b.field(field("_ancestor", value)).field(field("_ancestor_any", values))
                    .field(field("_descendant", value)).field(field("_descendant_any", values))
                    .field(field("_matches", scalars.scalar("lquery")))
                    .field(field("_matches_any", GraphQLList.list(GraphQLNonNull.nonNull(Scalars.GraphQLString))))
                    .field(field("_matches_fulltext", scalars.scalar("ltxtquery")));
        } else if ("geography".equals(scalar)) {
            b.field(field("_st_intersects", value));
            b.field(field("_st_d_within", dWithin("st_d_within_geography_input", "geography", true)));
            b.field(field("_cast", postgisCast("geography_cast_exp", "geometry")));
        }
        GraphQLInputObjectType type = b.build();
        comparisons.put(name, type);
        return type;
    }

    /** {@code <enum>_comparison_exp} for columns that reference an enum table. */
    GraphQLInputType enumComparison(String enumType) {
        String name = enumType + "_comparison_exp";
        return comparisons.computeIfAbsent(name, n -> {
            GraphQLInputType value = GraphQLTypeReference.typeRef(enumType);
            GraphQLInputType values = GraphQLList.list(GraphQLNonNull.nonNull(value));
            return GraphQLInputObjectType.newInputObject().name(n)
                    .description("Boolean expression to compare columns of type \"" + enumType + "\". All fields are combined with logical 'AND'.")
                    .field(field("_eq", value)).field(field("_in", values)).field(field("_is_null", Scalars.GraphQLBoolean))
                    .field(field("_neq", value)).field(field("_nin", values)).build();
        });
    }

    private GraphQLInputType jsonbCast() {
        return (GraphQLInputType) extra.computeIfAbsent("jsonb_cast_exp", n -> GraphQLInputObjectType.newInputObject()
                .name(n).field(field("String", GraphQLTypeReference.typeRef("String_comparison_exp"))).build());
    }

    /** {@code geometry_cast_exp {geography: geography_comparison_exp}} and the reverse. */
    private GraphQLInputType postgisCast(String name, String target) {
        return (GraphQLInputType) extra.computeIfAbsent(name, n -> GraphQLInputObjectType.newInputObject()
                .name(n).field(field(target, GraphQLTypeReference.typeRef(target + "_comparison_exp"))).build());
    }

    private GraphQLInputType dWithin(String name, String scalar, boolean spheroid) {
        return (GraphQLInputType) extra.computeIfAbsent(name, n -> {
            GraphQLInputObjectType.Builder b = GraphQLInputObjectType.newInputObject().name(n)
                    .field(field("distance", GraphQLNonNull.nonNull(Scalars.GraphQLFloat)))
                    .field(field("from", GraphQLNonNull.nonNull(scalars.scalar(scalar))));
            if (spheroid) {
                b.field(GraphQLInputObjectField.newInputObjectField().name("use_spheroid")
                        .type(Scalars.GraphQLBoolean).defaultValueProgrammatic(true).build());
            }
            return b.build();
        });
    }

    /** Every type made here, for registration with the schema (type references resolve against them). */
    Collection<GraphQLType> all() {
        comparison("String", false);
        if (comparisons.containsKey("geometry_comparison_exp") || comparisons.containsKey("geography_comparison_exp")) {
            // each one's _cast names the other
            comparison("geometry", false);
            comparison("geography", false);
        }
        List<GraphQLType> all = new ArrayList<>(comparisons.values());
        all.addAll(extra.values());
        return all;
    }

    static GraphQLInputObjectField field(String name, GraphQLInputType type) {
        return GraphQLInputObjectField.newInputObjectField().name(name).type(type).build();
    }
}
