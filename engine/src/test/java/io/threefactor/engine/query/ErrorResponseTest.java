package io.threefactor.engine.query;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.threefactor.engine.support.LibraryProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.threefactor.engine.support.Graphql.canonical;
import static io.threefactor.engine.support.Graphql.json;
import static io.threefactor.engine.support.Graphql.query;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bad input is answered in Hasura's error format, never with a 500 or a stack trace. */
@QuarkusTest
@TestProfile(LibraryProfile.class)
class ErrorResponseTest {

    @Test
    void reportsAnUnparsableQuery() {
        assertEquals(json("{'errors':[{'extensions':{'path':'$.query','code':'validation-failed'},'message':'not a valid graphql query'}]}"),
                query("{ author { id "));
    }

    @Test
    void reportsAnUnknownField() {
        assertEquals(json("{'errors':[{'extensions':{'path':'$.selectionSet','code':'validation-failed'},"
                        + "'message':'field ^secret^ not found in type: ^author^'}]}"),
                query("{ author { id secret } }"));
    }

    @Test
    void reportsATableThatIsNotTracked() {
        String answer = query("{ untracked_secret { id } }");
        assertEquals("validation-failed", code(answer));
    }

    @Test
    void reportsAMissingRequiredVariable() {
        assertEquals(json("{'errors':[{'extensions':{'path':'$.variableValues.id','code':'validation-failed'},"
                        + "'message':'expecting a value for non-nullable variable: `id`'}]}"),
                query("query ($id: Int!) { author_by_pk(id: $id) { id } }"));
    }

    @Test
    void reportsAVariableOfTheWrongType() {
        assertEquals(json("{'errors':[{'extensions':{'path':'$.variableValues.id','code':'validation-failed'},"
                        + "'message':'expected a 32-bit integer for type ^Int^, but found a string'}]}"),
                query("query ($id: Int!) { author_by_pk(id: $id) { id } }", Map.of("id", "two")));
    }

    @Test
    void reportsAValuePostgresRejectsAsADataException() {
        assertEquals(json("{'errors':[{'extensions':{'path':'$','code':'data-exception'},"
                        + "'message':'invalid input syntax for type uuid: `not-a-uuid`'}]}"),
                query("{ article(where: {external_id: {_eq: \"not-a-uuid\"}}) { id } }"));
    }

    @Test
    void reportsAnUnknownFieldInsideAnInputObjectVariable() {
        String answer = query("query ($w: author_bool_exp) { author(where: $w) { id } }",
                Map.of("w", Map.of("password", Map.of("_eq", "x"))));
        assertEquals(json("{'errors':[{'extensions':{'path':'$.selectionSet.author.args.where.password','code':'validation-failed'},"
                + "'message':'field ^password^ not found in type: ^author_bool_exp^'}]}"), answer);
    }

    @Test
    void refusesMalformedJsonWith400() {
        String body = RestAssured.given().contentType("application/json").body("{\"query\": ")
                .post("/v1/graphql").then().statusCode(400).extract().asString();
        assertEquals(json("{'errors':[{'extensions':{'path':'$','code':'invalid-json'},'message':'invalid JSON in the request body'}]}"),
                canonical(body));
    }

    @Test
    void refusesABodyWithoutAQuery() {
        assertEquals("bad-request", code(io.threefactor.engine.support.Graphql.post("{\"variables\": {}}", Map.of())));
    }

    @Test
    void refusesAHugeDocumentBeforePlanningIt() {
        String huge = "{ author { " + "id ".repeat(20_000) + "} }";
        assertEquals(json("{'errors':[{'extensions':{'path':'$.query','code':'validation-failed'},'message':'the query is too large'}]}"),
                query(huge));
    }

    @Test
    void refusesAnOversizedBodyWithoutCrashing() {
        String body = "{\"query\":\"" + "x".repeat(2_000_000) + "\"}";
        RestAssured.given().contentType("application/json").body(body).post("/v1/graphql")
                .then().statusCode(413);
    }

    @Test
    void refusesDocumentsNestedDeeperThanTheLimitBeforeRunningThem() {
        String deep = "{ comment { " + "article { author { articles { comments { ".repeat(40) + "id" + " } } } }".repeat(40) + " } }";
        assertEquals(json("{'errors':[{'extensions':{'path':'$.selectionSet','code':'validation-failed'},"
                + "'message':'the query is nested deeper than the limit of 30'}]}"), query(deep));
    }

    private static String code(String answer) {
        return answer.replaceAll(".*\"code\":\"([^\"]+)\".*", "$1");
    }
}
