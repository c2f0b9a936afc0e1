package io.threefactor.engine.hostile;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.threefactor.engine.support.LibraryProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.IntStream;

import static io.threefactor.engine.support.Graphql.canonical;
import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.Graphql.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the hostile suite only checks for shape, word for word: a document is measured with its fragments
 * expanded before anything else walks it, cycles are named as Hasura names them, literal errors say the value and
 * not the parser's AST, and any body is read as JSON.
 */
@QuarkusTest
@TestProfile(LibraryProfile.class)
class DocumentLimitsTest {

    @Test
    void aFragmentBombIsRefusedAtOnce() {
        long start = System.nanoTime();
        String answer = query(HostileCorpus.doubling(40, 2) + "{ article { ...F39 } }");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(json("{'errors':[{'extensions':{'path':'$.selectionSet','code':'validation-failed'},"
                + "'message':'the query selects more than 10000 fields once its fragments are expanded'}]}"), answer);
        assertTrue(ms < 1000, "answered after " + ms + " ms");
    }

    @Test
    void aDocumentJustUnderTheFieldLimitStillRuns() {
        // 2^13 = 8192 fields, the same author id over and over
        String fragments = "fragment F0 on author { id }\n" + IntStream.range(1, 14)
                .mapToObj(i -> "fragment F" + i + " on author { ...F" + (i - 1) + " ...F" + (i - 1) + " }")
                .reduce("", (a, b) -> a + b + "\n");
        assertEquals(json("{'data':{'author_by_pk':{'id':1}}}"), query(fragments + "{ author_by_pk(id: 1) { ...F13 } }"));
    }

    @Test
    void fragmentCyclesAreNamedAsHasuraNamesThem() {
        assertEquals(cycle("A"), query("fragment A on author { id ...A } { author { ...A } }"));
        assertEquals(cycle("A and B"), query("fragment A on author { id ...B } fragment B on author { name ...A } "
                + "{ author { ...A } }"));
        assertEquals(cycle("B, C, and A"), query("fragment A on author { ...B } fragment B on author { ...C } "
                + "fragment C on author { ...A } { author { ...B } }"));
    }

    @Test
    void anUnknownEnumLiteralListsTheValues() {
        assertEquals(json("{'errors':[{'extensions':{'path':'$.selectionSet','code':'validation-failed'},"
                + "'message':'expected one of the values [^asc^, ^asc_nulls_first^, ^asc_nulls_last^, ^desc^, "
                + "^desc_nulls_first^, ^desc_nulls_last^] for type ^order_by^, but found ^sideways^'}]}"),
                query("{ author(order_by: {id: sideways}) { id } }"));
    }

    @Test
    void distinctOnAColumnTheRoleCannotSeeSaysTheColumn() {
        String answer = query("{ article(distinct_on: body) { id } }", Map.of(), Map.of("x-hasura-role", "reader"));
        assertEquals(json("{'errors':[{'extensions':{'path':'$.selectionSet','code':'validation-failed'},"
                + "'message':'expected one of the values [^id^, ^author_id^, ^title^, ^views^] for type "
                + "^article_select_column^, but found ^body^'}]}"), answer);
    }

    @Test
    void aLiteralOfTheWrongKindIsDescribedAsHasuraDoes() {
        assertEquals(mismatch("a 32-bit integer", "Int", "a string"), query("{ author(limit: \"ten\") { id } }"));
        assertEquals(mismatch("a string", "String", "an integer"), query("{ author(where: {name: {_eq: 5}}) { id } }"));
        assertEquals(mismatch("an enum value", "order_by", "a string"), query("{ author(order_by: {id: \"asc\"}) { id } }"));
    }

    @Test
    void aFormEncodedBodyIsReadAsJson() {
        String body = RestAssured.given().contentType("application/x-www-form-urlencoded")
                .body("{\"query\":\"{ author_by_pk(id: 1) { name } }\"}")
                .post("/v1/graphql").then().statusCode(200).extract().asString();
        assertEquals(json("{'data':{'author_by_pk':{'name':'Ada Lovelace'}}}"), canonical(body));
    }

    @Test
    void textAfterTheJsonBodyIsInvalidJson() {
        String body = RestAssured.given().contentType("application/json").body("{\"query\":\"{ author { id } }\"} x")
                .post("/v1/graphql").then().statusCode(400).extract().asString();
        assertEquals(json("{'errors':[{'extensions':{'path':'$','code':'invalid-json'},'message':'invalid JSON in the request body'}]}"),
                canonical(body));
    }

    @Test
    void anUnknownPathIsHasurasJsonNotFound() {
        String body = RestAssured.given().get("/v1/nothing-here").then().statusCode(404).extract().asString();
        assertEquals(json("{'path':'$','error':'resource does not exist','code':'not-found'}"), canonical(body));
    }

    private static String cycle(String names) {
        return json("{'errors':[{'extensions':{'path':'$.selectionSet','code':'validation-failed'},"
                + "'message':'the fragment definition(s) " + names + " form a cycle'}]}");
    }

    private static String mismatch(String expected, String type, String found) {
        return json("{'errors':[{'extensions':{'path':'$.selectionSet','code':'validation-failed'},"
                + "'message':'expected " + expected + " for type ^" + type + "^, but found " + found + "'}]}");
    }
}
