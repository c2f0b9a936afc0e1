package io.threefactor.engine.query;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.LibraryProfile;
import org.junit.jupiter.api.Test;

import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.Graphql.query;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code t_aggregate} root fields and array relationship aggregates. */
@QuarkusTest
@TestProfile(LibraryProfile.class)
class AggregateTest {

    @Test
    void aggregatesFilteredRows() {
        assertEquals(json("{'data':{'article_aggregate':{'aggregate':{'count':4,'sum':{'views':1600},"
                        + "'avg':{'views':400.0},'max':{'score':9.9,'published_on':'1968-03-01'},"
                        + "'min':{'title':'Computing Machinery and Intelligence'}}}}}"),
                query("{ article_aggregate(where: {published: {_eq: true}}) { aggregate { count sum { views }"
                        + " avg { views } max { score published_on } min { title } } } }"));
    }

    @Test
    void countsColumnsAndDistinctValues() {
        assertEquals(json("{'data':{'article_aggregate':{'aggregate':{'rows':5,'scores':4,'authors':3}}}}"),
                query("{ article_aggregate { aggregate { rows: count scores: count(columns: score)"
                        + " authors: count(columns: [author_id], distinct: true) } } }"));
    }

    @Test
    void returnsNodesBesideAggregatesInTheirOrder() {
        assertEquals(json("{'data':{'article_aggregate':{'__typename':'article_aggregate','aggregate':{'count':2},"
                        + "'nodes':[{'id':4},{'id':3}]}}}"),
                query("{ article_aggregate(where: {author_id: {_eq: 2}}, order_by: {id: desc}) { __typename aggregate { count } nodes { id } } }"));
    }

    @Test
    void aggregatesAnArrayRelationshipPerRow() {
        assertEquals(json("{'data':{'author':[{'id':1,'articles_aggregate':{'aggregate':{'count':1,'max':{'views':500}}}},"
                        + "{'id':2,'articles_aggregate':{'aggregate':{'count':2,'max':{'views':900}}}},"
                        + "{'id':3,'articles_aggregate':{'aggregate':{'count':0,'max':{'views':null}}}},"
                        + "{'id':4,'articles_aggregate':{'aggregate':{'count':1,'max':{'views':100}}}}]}}"),
                query("{ author(order_by: {id: asc}) { id articles_aggregate(where: {published: {_eq: true}})"
                        + " { aggregate { count max { views } } } } }"));
    }

    @Test
    void aggregatesOnlyTheLimitedPage() {
        assertEquals(json("{'data':{'article_aggregate':{'aggregate':{'count':2,'sum':{'views':1400}}}}}"),
                query("{ article_aggregate(order_by: {views: desc}, limit: 2) { aggregate { count sum { views } } } }"));
    }
}
