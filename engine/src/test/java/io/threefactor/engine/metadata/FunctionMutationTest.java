package io.threefactor.engine.metadata;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.Graphql;
import io.threefactor.engine.support.MetadataApi;
import io.threefactor.engine.support.MetadataApiDatabase;
import io.threefactor.engine.support.QueryApiProfile;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.Map;

import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.MetadataApi.assertError;
import static io.threefactor.engine.support.MetadataApi.assertSuccess;
import static io.threefactor.engine.support.MetadataApi.metadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tracked functions as Hasura exposes them: VOLATILE functions as mutation root fields (the default, or
 * {@code exposed_as: mutation}) that run in the request's mutation transaction with the session set, and
 * {@code pg_set_function_customization}. Uses article 4, the audit table and the fixture's three functions.
 */
@QuarkusTest
@TestProfile(QueryApiProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FunctionMutationTest {



    private static String asUser(String query) {
        return Graphql.query(query, Map.of(), Map.of("x-hasura-admin-secret", MetadataApiDatabase.ADMIN_SECRET,
                "x-hasura-role", "user", "x-hasura-user-id", "7"));
    }

    @Test
    @Order(1)
    void aVolatileFunctionIsAMutationByDefault() {
        assertSuccess(metadata("{'type':'pg_track_function','args':{'function':'add_views'}}"));
        assertEquals(json("{'data':{'add_views':[{'id':4,'views':45}]}}"),
                MetadataApi.graphql("mutation { add_views(args:{article_id:4, amount:5}) { id views } }"));
        // where/order_by/limit of the returned table apply to the rows the function returns
        assertEquals(json("{'data':{'add_views':[]}}"), MetadataApi.graphql(
                "mutation { add_views(args:{article_id:4, amount:1}, where:{views:{_gt:1000}}, limit:1) { id } }"));
        assertTrue(MetadataApi.graphql("{ add_views(args:{article_id:4, amount:1}) { id } }")
                .contains("validation-failed"), "not a query");
    }

    @Test
    @Order(2)
    void itRunsInTheMutationsTransaction() {
        String answer = MetadataApi.graphql("mutation { add_views(args:{article_id:4, amount:100}) { views } "
                + "insert_article_one(object:{author_id:1, title:^Notes^}) { id } }".replace('^', '"'));
        assertTrue(answer.contains("constraint-violation"), answer);
        assertEquals(json("{'data':{'article_by_pk':{'views':46}}}"),
                MetadataApi.graphql("{ article_by_pk(id:4) { views } }"));
    }

    @Test
    @Order(3)
    void sessionArgumentAndSessionVariables() {
        assertSuccess(metadata("{'type':'pg_track_table','args':{'table':'audit'}}"));
        assertSuccess(metadata("{'type':'pg_create_select_permission','args':{'table':'audit','role':'user','permission':{"
                + "'columns':['who','role','amount'],'filter':{}}}}"));
        assertSuccess(metadata("{'type':'pg_track_function','args':{'function':{'schema':'public','name':'stamp_audit'},"
                + "'configuration':{'session_argument':'hasura_session','exposed_as':'mutation'}}}"));
        // who comes from the session argument; role from hasura.user, which event triggers read too
        assertEquals(json("{'data':{'stamp_audit':[{'who':'7','role':'user','amount':3}]}}"),
                asUser("mutation { stamp_audit(args:{amount:3}) { who role amount } }"));
    }

    @Test
    @Order(4)
    void onlyVolatileFunctionsCanBeMutations() {
        assertError("{'path':'$.args','error':'the function `top_articles` cannot be tracked because the function was "
                + "requested to be exposed as a mutation, but is not marked VOLATILE. Maybe the function was given the "
                + "wrong volatility when it was defined?','code':'not-supported'}",
                metadata("{'type':'pg_track_function','args':{'function':'top_articles','configuration':{"
                        + "'exposed_as':'mutation'}}}"));
        assertError("{'path':'$.args.configuration.exposed_as','error':'expected `query` or `mutation` for exposed_as',"
                + "'code':'parse-failed'}", metadata("{'type':'pg_track_function','args':{'function':'top_articles',"
                + "'configuration':{'exposed_as':'subscription'}}}"));
        assertSuccess(metadata("{'type':'pg_track_function','args':{'function':'top_articles'}}"));
        assertEquals(json("{'data':{'top_articles':[{'id':4}]}}"),
                MetadataApi.graphql("{ top_articles(args:{min_views:46}) { id } }"));
    }

    @Test
    @Order(5)
    void setFunctionCustomization() {
        assertSuccess(metadata("{'type':'pg_set_function_customization','args':{'function':'top_articles','configuration':{"
                + "'custom_root_fields':{'function':'popular','function_aggregate':'popular_stats'}}}}"));
        assertEquals(json("{'data':{'popular':[{'id':4}],'popular_stats':{'aggregate':{'count':1}}}}"),
                MetadataApi.graphql("{ popular(args:{min_views:46}) { id } "
                        + "popular_stats(args:{min_views:46}) { aggregate { count } } }"));
        assertSuccess(metadata("{'type':'pg_set_function_customization','args':{'function':'top_articles','configuration':{"
                + "'custom_name':'hits'}}}"));
        assertEquals(json("{'data':{'hits_aggregate':{'aggregate':{'count':1}}}}"),
                MetadataApi.graphql("{ hits_aggregate(args:{min_views:46}) { aggregate { count } } }"));
        assertEquals(json("{'function':{'name':'top_articles','schema':'public'},'configuration':{'custom_name':'hits'}}"),
                Graphql.canonical(metadata("{'type':'export_metadata','args':{}}").body()
                        .at("/sources/0/functions/2").toString()));
        assertError("{'path':'$.args','error':'function not found in cache `nope`','code':'not-exists'}",
                metadata("{'type':'pg_set_function_customization','args':{'function':'nope','configuration':{}}}"));
        assertError("{'path':'$.args','error':'the key ^configuration^ was not present','code':'parse-failed'}",
                metadata("{'type':'pg_set_function_customization','args':{'function':'top_articles'}}"));
        assertError("{'path':'$.args.configuration','error':'expected an object','code':'parse-failed'}",
                metadata("{'type':'pg_set_function_customization','args':{'function':'top_articles','configuration':7}}"));
        // a VOLATILE function may still be a query when asked for (the user vouches it has no effects)
        assertSuccess(metadata("{'type':'pg_set_function_customization','args':{'function':'add_views','configuration':{"
                + "'exposed_as':'query'}}}"));
        assertEquals(json("{'data':{'add_views':[{'id':4}]}}"),
                MetadataApi.graphql("{ add_views(args:{article_id:4, amount:0}) { id } }"));
    }
}
