package io.threefactor.triggers.target;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * The outcome of one delivery attempt, as recorded in {@code event_invocation_logs}: Hasura's status (the HTTP status,
 * or 1000 for a client-side failure such as a timeout or a closed connection) and the request and response documents
 * in Hasura's "version 2" shape, already encoded as JSON text.
 */
public record AttemptResult(boolean success, int status, String requestJson, String responseJson,
        Duration retryAfter, long durationMs) {

    /** Hasura's status for an attempt that got no HTTP response. */
    public static final int CLIENT_ERROR_STATUS = 1000;

    public static String request(String payloadJson, JsonArray headers) {
        return "{\"payload\":" + payloadJson + ",\"headers\":" + headers.encode() + ",\"version\":\"2\"}";
    }

    public static AttemptResult clientError(String requestJson, String message, long durationMs) {
        String response = new JsonObject()
                .put("type", "client_error")
                .put("data", new JsonObject().put("message", message))
                .put("version", "2").encode();
        return new AttemptResult(false, CLIENT_ERROR_STATUS, requestJson, response, null, durationMs);
    }
}
