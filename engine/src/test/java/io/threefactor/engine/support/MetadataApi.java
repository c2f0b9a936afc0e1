package io.threefactor.engine.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/** Posts metadata calls with the admin secret and reads status and JSON body. */
public final class MetadataApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MetadataApi() { }

    public record Answer(int status, JsonNode body) {
        public String text() {
            return body.toString();
        }
    }

    /** {@code /v1/metadata} with a body written in single-quote JSON (see {@link Graphql#json}). */
    public static Answer metadata(String singleQuoted) {
        return post("/v1/metadata", Graphql.json(singleQuoted));
    }

    /** {@code /v1/query} (legacy names, run_sql, the row API) with a body in single-quote JSON. */
    public static Answer v1Query(String singleQuoted) {
        return post("/v1/query", Graphql.json(singleQuoted));
    }

    public static Answer post(String path, String body) {
        return post(path, body, MetadataApiDatabase.ADMIN_SECRET, null);
    }

    public static Answer post(String path, String body, String secret, String role) {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        if (secret != null) {
            headers.put("x-hasura-admin-secret", secret);
        }
        if (role != null) {
            headers.put("x-hasura-role", role);
        }
        return post(path, body, headers);
    }

    public static Answer post(String path, String body, java.util.Map<String, String> headers) {
        var spec = RestAssured.given().contentType("application/json").body(body);
        headers.forEach(spec::header);
        Response r = spec.post(path);
        try {
            return new Answer(r.statusCode(), JSON.readTree(r.asString()));
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.asString(), e);
        }
    }

    /** A 200 answer of {@code {"message":"success"}}. */
    public static void assertSuccess(Answer a) {
        assertAnswer("{'message':'success'}", a);
    }

    /** A 200 answer with this body (single-quote JSON, see {@link Graphql#json}). */
    public static void assertAnswer(String expected, Answer a) {
        org.junit.jupiter.api.Assertions.assertEquals(200, a.status(), a.text());
        org.junit.jupiter.api.Assertions.assertEquals(Graphql.json(expected), a.text());
    }

    /** A 400 answer with this Hasura error body (single-quote JSON). */
    public static void assertError(String expected, Answer a) {
        org.junit.jupiter.api.Assertions.assertEquals(400, a.status(), a.text());
        org.junit.jupiter.api.Assertions.assertEquals(Graphql.json(expected), a.text());
    }

    /** GraphQL as admin. */
    public static String graphql(String query) {
        return Graphql.query(query, java.util.Map.of(),
                java.util.Map.of("x-hasura-admin-secret", MetadataApiDatabase.ADMIN_SECRET));
    }
}
