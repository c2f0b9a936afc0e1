package io.threefactor.engine.execute;

import com.fasterxml.jackson.databind.JsonNode;

/** The body of a GraphQL-over-HTTP request (also a WebSocket subscribe payload). */
public record GraphqlRequest(String query, JsonNode variables, String operationName) { }
