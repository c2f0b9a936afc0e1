package io.threefactor.functions.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** POST /v1/graphql as an app does: one operation, the caller's credentials as headers. */
public final class GraphQLHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;

    public GraphQLHttp(String endpoint) {
        this.endpoint = URI.create(endpoint);
    }

    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    public static Map<String, String> admin(String secret) {
        return Map.of("x-hasura-admin-secret", secret);
    }

    /** The whole response ({@code data} and/or {@code errors}). */
    public JsonNode post(Map<String, String> headers, String query, Object variables) {
        try {
            return postAsync(headers, query, variables).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw e;
        }
    }

    public CompletableFuture<JsonNode> postAsync(Map<String, String> headers, String query, Object variables) {
        ObjectNode body = JSON.createObjectNode().put("query", query);
        if (variables != null) {
            body.set("variables", JSON.valueToTree(variables));
        }
        HttpRequest.Builder rb = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        headers.forEach(rb::header);
        return http.sendAsync(rb.build(), HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            try {
                return JSON.readTree(r.body());
            } catch (IOException e) {
                throw new UncheckedIOException("HTTP " + r.statusCode() + ": " + r.body(), e);
            }
        });
    }

    /** {@code data}, failing on any error. */
    public JsonNode data(Map<String, String> headers, String query, Object variables) {
        JsonNode r = post(headers, query, variables);
        if (r.has("errors") || !r.has("data")) {
            throw new AssertionError(query + " answered " + r);
        }
        return r.get("data");
    }
}
