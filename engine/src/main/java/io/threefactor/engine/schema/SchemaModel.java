package io.threefactor.engine.schema;

import graphql.schema.GraphQLSchema;
import io.threefactor.engine.catalog.QualifiedTable;

import java.util.Map;

/** One role's GraphQL schema together with the lookups the planner uses to map fields back to tables. */
public record SchemaModel(String role, long metadataVersion, GraphQLSchema schema,
                          Map<QualifiedTable, TableModel> tables,
                          Map<String, RootField> queryFields,
                          Map<String, RootField> mutationFields,
                          Map<String, RootField> subscriptionFields) {

    public TableModel table(QualifiedTable name) {
        return tables.get(name);
    }
}
