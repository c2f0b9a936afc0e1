package io.threefactor.engine.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threefactor.engine.error.PlanningException;
import io.threefactor.engine.execute.GraphqlRequest;
import io.threefactor.engine.execute.GraphqlRequestReader;

/**
 * One message from the client, read the way Hasura reads it: one set of message types for both sub-protocols
 * ({@code start} and {@code subscribe}, {@code stop} and {@code complete} mean the same on either), and a message
 * that does not fit — not JSON, no {@code type}, an unknown type, an operation without its {@code id} or
 * {@code payload} — is no message at all ({@link Invalid}), which each {@link Dialect} answers its own way.
 */
sealed interface ClientMessage {

    record Init(JsonNode payload) implements ClientMessage { }

    record Start(String id, GraphqlRequest request) implements ClientMessage { }

    record Stop(String id) implements ClientMessage { }

    record Terminate() implements ClientMessage { }

    record Ping(JsonNode payload) implements ClientMessage { }

    record Pong() implements ClientMessage { }

    /** Why a text is not a client message; the message says it, after Hasura's {@code parsing ClientMessage failed: }. */
    final class Invalid extends Exception {
        Invalid(String reason) {
            super("parsing ClientMessage failed: " + reason, null, false, false);
        }
    }

    GraphqlRequestReader REQUEST = new GraphqlRequestReader("$.payload", "the payload must be an object with a query");

    static ClientMessage parse(ObjectMapper json, String text) throws Invalid {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (Exception e) {
            throw new Invalid("not valid JSON");
        }
        if (message == null || !message.isObject()) {
            throw new Invalid("expected an object");
        }
        JsonNode type = message.get("type");
        if (type == null || !type.isTextual()) {
            throw new Invalid("key \"type\" not found");
        }
        JsonNode payload = message.get("payload");
        return switch (type.textValue()) {
            case "connection_init" -> new Init(payload);
            case "start", "subscribe" -> new Start(id(message), request(payload));
            case "stop", "complete" -> new Stop(id(message));
            case "connection_terminate" -> new Terminate();
            case "ping" -> new Ping(payload);
            case "pong" -> new Pong();
            default -> throw new Invalid("unexpected type for ClientMessage: " + type.textValue());
        };
    }

    private static String id(JsonNode message) throws Invalid {
        JsonNode id = message.get("id");
        if (id == null || !id.isTextual()) {
            throw new Invalid(id == null || id.isNull() ? "key \"id\" not found" : "the id must be a string");
        }
        return id.textValue();
    }

    private static GraphqlRequest request(JsonNode payload) throws Invalid {
        if (payload == null || payload.isNull()) {
            throw new Invalid("key \"payload\" not found");
        }
        try {
            return REQUEST.read(payload);
        } catch (PlanningException e) {
            throw new Invalid(e.getMessage());
        }
    }
}
