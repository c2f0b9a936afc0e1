package io.threefactor.engine.execute;

import com.fasterxml.jackson.databind.JsonNode;
import io.threefactor.engine.error.PlanningException;

/**
 * Reads {@code {query, variables, operationName}} into a {@link GraphqlRequest}, for an HTTP body and a WebSocket
 * subscribe payload alike. Each caller says where the request sits in what the client sent ({@code path}, the
 * start of every error path) and what to answer when it is not a JSON object, so each keeps its own errors.
 */
public record GraphqlRequestReader(String path, String notAnObject) {

    /** The request; a {@code bad-request} {@link PlanningException} when {@code json} is not one. */
    public GraphqlRequest read(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new PlanningException("bad-request", notAnObject, path);
        }
        JsonNode query = json.get("query");
        if (query == null || !query.isTextual()) {
            throw new PlanningException("bad-request", "the key 'query' was not present", path);
        }
        JsonNode variables = json.get("variables");
        if (variables != null && !variables.isNull() && !variables.isObject()) {
            throw new PlanningException("bad-request", "variables must be an object", path + ".variables");
        }
        JsonNode operationName = json.get("operationName");
        return new GraphqlRequest(query.textValue(), variables,
                operationName == null || operationName.isNull() ? null : operationName.asText());
    }
}
