package io.threefactor.engine.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.util.Map;

/** Sends GraphQL over HTTP with rest-assured and reads answers as canonical (compact, ordered) JSON. */
public final class Graphql {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Graphql() { }

    public static String query(String query) {
        return query(query, Map.of(), Map.of());
    }

    public static String query(String query, Map<String, ?> variables) {
        return query(query, variables, Map.of());
    }

    public static String query(String query, Map<String, ?> variables, Map<String, String> headers) {
        ObjectNode body = JSON.createObjectNode().put("query", query);
        body.set("variables", JSON.valueToTree(variables));
        return post(body.toString(), headers);
    }

    /** Posts a raw body and answers the canonical JSON of the response (status 200 expected). */
    public static String post(String body, Map<String, String> headers) {
        RequestSpecification spec = RestAssured.given().contentType("application/json").body(body);
        headers.forEach(spec::header);
        String response = spec.post("/v1/graphql").then().statusCode(200).extract().asString();
        return canonical(response);
    }

    /** The same JSON, compact, keys in their original order, so tests compare text exactly. */
    public static String canonical(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /**
     * Expected JSON written with single quotes for readability; inside strings a backtick stands for a double
     * quote and a caret for a single quote: {@code {'message':'variable `id` of type ^Int^'}}.
     */
    public static String json(String singleQuoted) {
        return canonical(singleQuoted.replace("`", "\\\"").replace('\'', '"').replace('^', '\''));
    }
}
