package io.threefactor.engine.query;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.LibraryProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.threefactor.engine.query.FilterTest.idObjects;
import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.Graphql.query;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** order_by (directions, nulls, ties, relationships, aggregates), limit, offset and distinct_on. */
@QuarkusTest
@TestProfile(LibraryProfile.class)
class OrderingAndPagingTest {

    @ParameterizedTest(name = "article order_by {0} → {1}")
    @CsvSource(delimiterString = "=>", value = {
            "[{views: desc}, {id: asc}]                          => 3,1,4,5,2",
            "[{views: desc}, {id: desc}]                         => 3,1,5,4,2",
            "{score: asc}                                        => 2,5,1,3,4",
            "{score: asc_nulls_first}                            => 4,2,5,1,3",
            "{score: desc}                                       => 4,3,1,5,2",
            "{score: desc_nulls_last}                            => 3,1,5,2,4",
            "[{author: {name: asc}}, {id: desc}]                 => 2,1,4,3,5",
            "[{author: {rating: desc_nulls_last}}, {id: asc}]    => 1,2,3,4,5",
            "[{comments_aggregate: {count: desc}}, {id: asc}]    => 1,3,5,2,4",
            "[{comments_aggregate: {sum: {likes: desc_nulls_last}}}, {id: asc}] => 1,3,5,2,4",
    })
    void ordersArticles(String orderBy, String ids) {
        assertEquals(json("{'data':{'article':[" + idObjects(ids) + "]}}"),
                query("{ article(order_by: " + orderBy + ") { id } }"));
    }

    @Test
    void ordersByAnArrayRelationshipAggregate() {
        assertEquals(json("{'data':{'author':[{'id':2},{'id':1},{'id':4},{'id':3}]}}"),
                query("{ author(order_by: [{articles_aggregate: {max: {views: desc_nulls_last}}}]) { id } }"));
    }

    @Test
    void pagesWithLimitAndOffset() {
        assertEquals(json("{'data':{'article':[{'id':2},{'id':3}]}}"),
                query("{ article(order_by: {id: asc}, limit: 2, offset: 1) { id } }"));
    }

    @Test
    void takesAnOffsetWrittenAsAStringOfDigitsAsHasurasBigintDoes() {
        assertEquals(json("{'data':{'article':[{'id':2}]}}"),
                query("{ article(order_by: {id: asc}, limit: 1, offset: \"1\") { id } }"));
    }

    @Test
    void refusesALimitWrittenAsAStringAsHasurasNonNegativeIntDoes() {
        assertEquals(json("{'errors':[{'extensions':{'path':'$.selectionSet.article.args.limit',"
                        + "'code':'validation-failed'},'message':"
                        + "'expected a non-negative 32-bit integer for type ^Int^, but found a string'}]}"),
                query("{ article(limit: \"1\") { id } }"));
    }

    @Test
    void limitsNestedArrayRelationships() {
        assertEquals(json("{'data':{'author_by_pk':{'articles':[{'id':2}]}}}"),
                query("{ author_by_pk(id: 1) { articles(order_by: {id: desc}, limit: 1) { id } } }"));
    }

    @Test
    void selectsDistinctRowsOnColumnsKeepingTheFirstOfEachGroup() {
        assertEquals(json("{'data':{'article':[{'author_id':1,'title':'Notes on the Analytical Engine'},"
                        + "{'author_id':2,'title':'Computing Machinery and Intelligence'},"
                        + "{'author_id':4,'title':'Go To Statement Considered Harmful'}]}}"),
                query("{ article(distinct_on: [author_id], order_by: [{author_id: asc}, {views: desc}]) { author_id title } }"));
    }

    @Test
    void refusesDistinctOnThatDoesNotLeadTheOrdering() {
        assertEquals(json("{'errors':[{'extensions':{'path':'$.selectionSet.article.args','code':'validation-failed'},"
                        + "'message':'\\\"distinct_on\\\" columns must match initial \\\"order_by\\\" columns'}]}"),
                query("{ article(distinct_on: [author_id], order_by: [{views: desc}]) { id } }"));
    }

    @Test
    void answersAnEmptyListWhenNothingMatches() {
        assertEquals(json("{'data':{'article':[]}}"), query("{ article(where: {id: {_gt: 100}}) { id } }"));
    }
}
