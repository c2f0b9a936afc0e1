package io.threefactor.engine.query;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.Graphql;
import io.threefactor.engine.support.LibraryProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.Graphql.query;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** GraphQL language features: fragments, directives, aliases, variables, several root fields, batches. */
@QuarkusTest
@TestProfile(LibraryProfile.class)
class OperationFeaturesTest {

    private static final String WITH_FRAGMENTS = """
            query Q($withEmail: Boolean!) {
              first: author_by_pk(id: 1) { ...AuthorFields email @include(if: $withEmail) }
              __typename
            }
            fragment AuthorFields on author { __typename name ... on author { rating } }
            """;

    @Test
    void expandsNamedAndInlineFragmentsAndHonoursInclude() {
        assertEquals(json("{'data':{'first':{'__typename':'author','name':'Ada Lovelace','rating':5,'email':'ada@example.com'},"
                + "'__typename':'query_root'}}"), query(WITH_FRAGMENTS, Map.of("withEmail", true)));
        assertEquals(json("{'data':{'first':{'__typename':'author','name':'Ada Lovelace','rating':5},"
                + "'__typename':'query_root'}}"), query(WITH_FRAGMENTS, Map.of("withEmail", false)));
    }

    @Test
    void acceptsADeclaredVariableTheOperationDoesNotUse() {
        assertEquals(json("{'data':{'author_by_pk':{'name':'Ada Lovelace'}}}"),
                query("query ($unused: Int) { author_by_pk(id: 1) { name } }", Map.of("unused", 3)));
    }

    @Test
    void skipsFieldsWithSkip() {
        assertEquals(json("{'data':{'author_by_pk':{'id':2}}}"),
                query("{ author_by_pk(id: 2) { id name @skip(if: true) } }"));
    }

    @Test
    void mergesFieldsSelectedTwiceUnderOneKey() {
        assertEquals(json("{'data':{'author_by_pk':{'id':1,'articles':[{'id':1,'title':'Notes on the Analytical Engine'}]}}}"),
                query("{ author_by_pk(id: 1) { id articles(where: {id: {_eq: 1}}) { id } articles(where: {id: {_eq: 1}}) { title } } }"));
    }

    @Test
    void answersSeveralRootFieldsInOneStatementInSelectionOrder() {
        assertEquals(json("{'data':{'b':{'aggregate':{'count':5}},'a':{'name':'Ada Lovelace'},'c':[{'id':4}]}}"),
                query("{ b: article_aggregate { aggregate { count } } a: author_by_pk(id: 1) { name }"
                        + " c: author(where: {rating: {_is_null: true}}) { id } }"));
    }

    @Test
    void appliesVariableDefaults() {
        String q = "query ($limit: Int = 2) { article(order_by: {id: asc}, limit: $limit) { id } }";
        assertEquals(json("{'data':{'article':[{'id':1},{'id':2}]}}"), query(q));
        assertEquals(json("{'data':{'article':[{'id':1}]}}"), query(q, Map.of("limit", 1)));
    }

    @Test
    void bindsListVariablesAsParameters() {
        String q = "query ($ids: [Int!]!) { article(where: {id: {_in: $ids}}, order_by: {id: asc}) { id } }";
        assertEquals(json("{'data':{'article':[{'id':2},{'id':5}]}}"), query(q, Map.of("ids", List.of(2, 5))));
        assertEquals(json("{'data':{'article':[{'id':1}]}}"), query(q, Map.of("ids", List.of(1))));
    }

    @Test
    void plansAgainForEachShapeOfAnInputObjectVariable() {
        String q = "query ($w: author_bool_exp, $o: [author_order_by!]) { author(where: $w, order_by: $o) { id } }";
        assertEquals(json("{'data':{'author':[{'id':2}]}}"),
                query(q, Map.of("w", Map.of("rating", Map.of("_eq", 4)), "o", List.of(Map.of("id", "asc")))));
        assertEquals(json("{'data':{'author':[{'id':3},{'id':1}]}}"),
                query(q, Map.of("w", Map.of("id", Map.of("_in", List.of(1, 3))), "o", List.of(Map.of("id", "desc")))));
    }

    @Test
    void usesInlineVariablesInsideListLiterals() {
        assertEquals(json("{'data':{'article':[{'id':1},{'id':3}]}}"),
                query("query ($a: Int!, $b: Int!) { article(where: {id: {_in: [$a, $b]}}, order_by: {id: asc}) { id } }",
                        Map.of("a", 3, "b", 1)));
    }

    @Test
    void selectsTheNamedOperation() {
        String body = "{\"query\":\"query A { author_by_pk(id: 1) { id } } query B { author_by_pk(id: 2) { id } }\","
                + "\"operationName\":\"B\"}";
        assertEquals(json("{'data':{'author_by_pk':{'id':2}}}"), Graphql.post(body, Map.of()));
    }

    @Test
    void answersABatchWithAnArrayOfResults() {
        String body = "[{\"query\":\"{ author_by_pk(id: 1) { id } }\"},{\"query\":\"{ nope }\"},"
                + "{\"query\":\"{ author_by_pk(id: 2) { id } }\"}]";
        assertEquals(json("[{'data':{'author_by_pk':{'id':1}}},"
                        + "{'errors':[{'extensions':{'path':'$.selectionSet','code':'validation-failed'},"
                        + "'message':'field ^nope^ not found in type: ^query_root^'}]},"
                        + "{'data':{'author_by_pk':{'id':2}}}]"),
                Graphql.post(body, Map.of()));
    }

    @Test
    void selectsJsonPaths() {
        assertEquals(json("{'data':{'author_by_pk':{'city':'London','lang':'fr','profile':{'age':36,'city':'London','langs':['en','fr']}}}}"),
                query("{ author_by_pk(id: 1) { city: profile(path: \"$.city\") lang: profile(path: \"langs[1]\") profile } }"));
    }

    @Test
    void rendersPostgresValuesAsHasuraDoes() {
        assertEquals(json("{'data':{'article_by_pk':{'views':900,'score':9.9,'published_on':'1950-10-01',"
                        + "'external_id':'22222222-2222-2222-2222-222222222222','metadata':{'pages':27,'topic':'ai'},"
                        + "'author':{'created_at':'2024-01-02T10:00:00+00:00','tags':['math','computing'],'is_active':true}}}}"),
                query("{ article_by_pk(id: 3) { views score published_on external_id metadata author { created_at tags is_active } } }"));
    }
}
