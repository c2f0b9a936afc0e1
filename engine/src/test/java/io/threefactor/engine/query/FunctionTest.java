package io.threefactor.engine.query;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.LibraryProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.Graphql.query;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tracked SQL functions as root fields, and computed fields (scalar and set-returning) on tables. */
@QuarkusTest
@TestProfile(LibraryProfile.class)
class FunctionTest {

    @Test
    void callsATrackedFunctionWithArgumentsAndTheTablesArguments() {
        assertEquals(json("{'data':{'search_articles':[{'id':4,'title':'On Computable Numbers'},{'id':3,'title':'Computing Machinery and Intelligence'}]}}"),
                query("{ search_articles(args: {search: \"comput\"}, order_by: {id: desc}) { id title } }"));
    }

    @Test
    void aggregatesATrackedFunctionsRows() {
        assertEquals(json("{'data':{'search_articles_aggregate':{'aggregate':{'count':2,'max':{'views':900}}}}}"),
                query("query ($s: String!) { search_articles_aggregate(args: {search: $s}) { aggregate { count max { views } } } }",
                        Map.of("s", "comput")));
    }

    @Test
    void passesTheSessionToTheSessionArgument() {
        assertEquals(json("{'data':{'my_articles':[{'id':3},{'id':4}]}}"),
                query("{ my_articles(order_by: {id: asc}) { id } }", Map.of(), Map.of("x-hasura-user-id", "2")));
    }

    @Test
    void selectsAScalarComputedFieldAndFiltersOnIt() {
        assertEquals(json("{'data':{'author':[{'id':3,'display_name':'Grace Hopper <->'}]}}"),
                query("{ author(where: {display_name: {_like: \"%<->\"}}) { id display_name } }"));
    }

    @Test
    void selectsASetReturningComputedFieldWithArgumentsAndDefaults() {
        assertEquals(json("{'data':{'author_by_pk':{'busy':[{'id':3}],'usual':[{'id':3},{'id':4}]}}}"),
                query("{ author_by_pk(id: 2) { busy: popular_articles(args: {min_views: 500}) { id }"
                        + " usual: popular_articles(order_by: {id: asc}) { id } } }"));
    }
}
