package io.threefactor.engine.schema;

import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;

import java.util.List;
import java.util.Map;

/** Adds a table's mutation root fields and their input types; mutations live in their own package. */
public interface MutationSchemaContributor {

    void contribute(TableModel table, TableTypes types, List<GraphQLType> typesOut,
                    GraphQLObjectType.Builder mutationRoot, Map<String, RootField> mutationIndex);
}
