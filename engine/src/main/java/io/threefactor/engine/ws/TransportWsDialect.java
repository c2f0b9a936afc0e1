package io.threefactor.engine.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;

import java.util.Optional;

/**
 * {@code graphql-transport-ws}, the protocol of the graphql-ws library. A client that breaks it is closed with a
 * 44xx code: 4400 invalid message, 4401 subscribe before {@code connection_ack}, 4409 duplicate operation id.
 */
final class TransportWsDialect implements Dialect {

    static final String NAME = "graphql-transport-ws";

    private static final int INVALID_MESSAGE = 4400;
    private static final int UNAUTHORIZED = 4401;
    private static final int DUPLICATE_ID = 4409;
    private static final String INVALID = "Invalid message received";
    private static final String ACK = Frames.frame("connection_ack", null, null);
    private static final Buffer PING = Buffer.buffer("ka");

    @Override
    public void receive(SocketSession socket, String type, String id, JsonNode payload) {
        switch (type) {
            case "connection_init" -> socket.init(payload);
            case "ping" -> socket.send(Frames.frame("pong", null,
                    payload == null || payload.isNull() ? null : payload.toString()));
            case "pong" -> { } // the client's own keep-alive: nothing to answer
            case "subscribe" -> socket.start(id, payload);
            case "complete" -> socket.stop(id);
            default -> invalid(socket, id, INVALID);
        }
    }

    @Override
    public void invalid(SocketSession socket, String id, String message) {
        socket.close(INVALID_MESSAGE, message);
    }

    @Override
    public void missingId(SocketSession socket) {
        invalid(socket, null, INVALID);
    }

    @Override
    public void notAcknowledged(SocketSession socket, String id) {
        socket.close(UNAUTHORIZED, "Unauthorized");
    }

    @Override
    public boolean duplicateId(SocketSession socket, String id) {
        socket.close(DUPLICATE_ID, "Subscriber for " + id + " already exists");
        return false;
    }

    @Override
    public void acknowledge(SocketSession socket) {
        socket.send(ACK);
    }

    /** A WebSocket ping frame: clients answer it below the GraphQL protocol, so it costs no message handling. */
    @Override
    public void keepAlive(SocketSession socket) {
        socket.ping(PING);
    }

    /** None: the close reason says it. */
    @Override
    public Optional<String> connectionError(String message) {
        return Optional.empty();
    }

    @Override
    public String result(String id, String payload) {
        return Frames.frame("next", id, payload);
    }

    @Override
    public String operationError(String id, JsonNode errors) {
        return Frames.frame("error", id, errors.toString());
    }
}
