package io.threefactor.engine.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.introspection.IntrospectionResultToSchema;
import graphql.language.Document;
import graphql.schema.idl.SchemaPrinter;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.LibraryProfile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.Graphql.query;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Introspection answers clients and GraphiQL: the schema has Hasura's names and types. */
@QuarkusTest
@TestProfile(LibraryProfile.class)
class IntrospectionTest {

    @Test
    @SuppressWarnings("unchecked")
    void answersGraphqlJsIntrospectionQueryWithASchemaAClientCanRebuild() throws Exception {
        // The query graphql-js's getIntrospectionQuery() produces, as Apollo, urql and GraphiQL send it.
        String introspection = Files.readString(Path.of("src/test/resources/graphql-js-introspection-query.graphql"));
        JsonNode answer = new ObjectMapper().readTree(query(introspection));
        assertThat(answer.toString(), answer.has("errors"), is(false));
        Map<String, Object> data = new ObjectMapper().convertValue(answer.get("data"), Map.class);
        Document sdl = new IntrospectionResultToSchema().createSchemaDefinition(data);
        TypeDefinitionRegistry registry = new SchemaParser().buildRegistry(sdl);
        for (String type : new String[]{"author", "author_bool_exp", "article_aggregate_fields", "hit", "order_by"}) {
            assertThat(type, registry.getType(type).isPresent(), is(true));
        }
        assertThat(registry.getType("untracked_secret").isPresent(), is(false));
        String printed = new SchemaPrinter().print(sdl);
        assertThat(printed, containsString("author_by_pk(id: Int!): author"));
        assertThat(printed, containsString("distinct_on: [author_select_column!]"));
        assertThat(printed, containsString("_contains: jsonb"));
        assertThat(printed, containsString("articles_aggregate("));
    }

    @Test
    void answersTypeQueriesWithVariables() {
        assertEquals(json("{'data':{'__type':{'name':'order_by','kind':'ENUM','enumValues':[{'name':'asc'},"
                        + "{'name':'asc_nulls_first'},{'name':'asc_nulls_last'},{'name':'desc'},"
                        + "{'name':'desc_nulls_first'},{'name':'desc_nulls_last'}]}}}"),
                query("query ($n: String!) { __type(name: $n) { name kind enumValues { name } } }", Map.of("n", "order_by")));
    }

    @Test
    void namesTheRootTypesAsHasuraDoes() {
        assertEquals(json("{'data':{'__schema':{'queryType':{'name':'query_root'},'subscriptionType':{'name':'subscription_root'}}}}"),
                query("{ __schema { queryType { name } subscriptionType { name } } }"));
    }
}
