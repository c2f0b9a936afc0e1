package io.threefactor.functions.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.graphql.client.GraphQLError;
import io.smallrye.graphql.client.Response;
import io.smallrye.graphql.client.dynamic.api.DynamicGraphQLClient;
import io.smallrye.graphql.client.dynamic.api.DynamicGraphQLClientBuilder;
import io.smallrye.graphql.client.vertx.dynamic.VertxDynamicGraphQLClient;
import io.threefactor.functions.event.EventTrace;
import io.vertx.core.MultiMap;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * One Hasura-compatible GraphQL endpoint, spoken to with the SmallRye dynamic client: operations
 * are plain documents with variables; data comes back as Jackson trees.
 */
public final class GraphQLEndpoint implements AutoCloseable {

    private final String url;
    private final DynamicGraphQLClient client;
    private final ObjectMapper json;

    /** With the admin secret (none when null or blank). */
    public GraphQLEndpoint(String url, String adminSecret, ObjectMapper json) {
        this(url, EngineCredentials.of(Optional.empty(), Optional.ofNullable(adminSecret), Optional.empty()), json);
    }

    public GraphQLEndpoint(String url, EngineCredentials credentials, ObjectMapper json) {
        this.url = url;
        this.json = json;
        DynamicGraphQLClientBuilder builder = DynamicGraphQLClientBuilder.newBuilder().url(url);
        credentials.headers().forEach(builder::header);
        this.client = builder.build();
    }

    /** Runs an operation and returns {@code data}; GraphQL errors and transport failures become {@link EngineException}. */
    public JsonNode execute(String operationName, String document, ObjectNode variables) {
        Response response;
        try {
            response = send(document, toJsonValues(variables), operationName);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new EngineException(operationName + " at " + url + " failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException(operationName + " interrupted", e);
        } catch (RuntimeException e) {
            throw new EngineException(operationName + " at " + url + " failed: " + e.getMessage(), e);
        }
        if (response.hasError()) {
            throw new EngineException(operationName + ": " + response.getErrors().stream()
                    .map(GraphQLEndpoint::describe)
                    .collect(Collectors.joining("; ")));
        }
        if (!response.hasData() || response.getData() == null) {
            throw new EngineException(operationName + ": the response has no data");
        }
        try {
            return json.readTree(response.getData().toString());
        } catch (JsonProcessingException e) {
            throw new EngineException(operationName + ": unreadable response data", e);
        }
    }

    /** With the event's trace as {@code traceparent}, when there is one (the Vert.x client takes per-call headers). */
    private Response send(String document, Map<String, Object> variables, String operationName)
            throws ExecutionException, InterruptedException {
        Optional<String> traceparent = EventTrace.current();
        if (traceparent.isPresent() && client instanceof VertxDynamicGraphQLClient vertx) {
            return vertx.executeSync(document, variables, operationName,
                    MultiMap.caseInsensitiveMultiMap().add("traceparent", traceparent.get()));
        }
        return client.executeSync(document, variables, operationName);
    }

    /** A by-pk answer as a record; null (absent row) → empty. */
    public <T> Optional<T> row(JsonNode row, Class<T> type) {
        if (!row.isObject()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.treeToValue(row, type));
        } catch (JsonProcessingException e) {
            throw new EngineException("unexpected " + type.getSimpleName() + " shape: " + e.getOriginalMessage(), e);
        }
    }

    private static String describe(GraphQLError error) {
        String code = error.getCode();
        return code == null ? error.getMessage() : error.getMessage() + " (" + code + ")";
    }

    /** The dynamic client takes jakarta.json values as variables; convert through JSON text. */
    private static Map<String, Object> toJsonValues(ObjectNode variables) {
        Map<String, Object> values = new LinkedHashMap<>();
        variables.properties().forEach(field -> values.put(field.getKey(), toJsonValue(field.getValue())));
        return values;
    }

    private static JsonValue toJsonValue(JsonNode node) {
        try (JsonReader reader = Json.createReader(new StringReader(node.toString()))) {
            return reader.readValue();
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            // closing a client on shutdown; nothing useful to do with a failure
        }
    }
}
