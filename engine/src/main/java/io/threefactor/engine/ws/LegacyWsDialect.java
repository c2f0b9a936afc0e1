package io.threefactor.engine.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.threefactor.engine.error.GraphqlError;

import java.util.Optional;

/**
 * The legacy {@code graphql-ws}, the protocol of subscriptions-transport-ws. It has no close codes of its own: a
 * client that breaks it gets an {@code error} message and keeps its connection.
 */
final class LegacyWsDialect implements Dialect {

    private static final int NORMAL_CLOSURE = 1000;
    private static final String INVALID_TYPE = "Invalid message type!";
    private static final String ACK = Frames.frame("connection_ack", null, null);
    private static final String KEEP_ALIVE = Frames.frame("ka", null, null);

    @Override
    public void receive(SocketSession socket, String type, String id, JsonNode payload) {
        switch (type) {
            case "connection_init" -> socket.init(payload);
            case "start" -> socket.start(id, payload);
            case "stop" -> socket.stop(id);
            case "connection_terminate" -> socket.close(NORMAL_CLOSURE, "Normal Closure");
            default -> invalid(socket, id, INVALID_TYPE);
        }
    }

    @Override
    public void invalid(SocketSession socket, String id, String message) {
        socket.send(Frames.frame("error", id, Frames.message(message)));
    }

    @Override
    public void missingId(SocketSession socket) {
        invalid(socket, null, "an operation needs an id");
    }

    @Override
    public void notAcknowledged(SocketSession socket, String id) {
        socket.operationError(id, new GraphqlError("connection is not initialised", "$", "start-failed"));
    }

    /** The old operation is stopped and the new one takes its id. */
    @Override
    public boolean duplicateId(SocketSession socket, String id) {
        socket.stop(id);
        return true;
    }

    /** The acknowledgement, then at once a first {@code ka}, as Hasura sends them. */
    @Override
    public void acknowledge(SocketSession socket) {
        socket.send(ACK);
        socket.send(KEEP_ALIVE);
    }

    @Override
    public void keepAlive(SocketSession socket) {
        socket.send(KEEP_ALIVE);
    }

    @Override
    public Optional<String> connectionError(String message) {
        return Optional.of(Frames.frame("connection_error", null, Frames.message(message)));
    }

    @Override
    public String result(String id, String payload) {
        return Frames.frame("data", id, payload);
    }

    /** The legacy payload is one error, the first. */
    @Override
    public String operationError(String id, JsonNode errors) {
        return Frames.frame("error", id, errors.get(0).toString());
    }
}
