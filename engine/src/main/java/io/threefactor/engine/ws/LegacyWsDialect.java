package io.threefactor.engine.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The legacy {@code graphql-ws}, the protocol of subscriptions-transport-ws, as Hasura speaks it: a text that is
 * no message gets a {@code connection_error} and the connection stays; refused credentials get a
 * {@code connection_error} and close 4400; a missing {@code connection_init} closes 1011 (the reference server's
 * code). Its {@code connection_error} payload is the message text itself.
 */
final class LegacyWsDialect implements Dialect {

    private static final int INTERNAL_ERROR = 1011;
    private static final int INVALID_MESSAGE = 4400;
    private static final String ACK = Frames.frame("connection_ack", null, null);
    private static final String KEEP_ALIVE = Frames.frame("ka", null, null);

    @Override
    public void invalid(SocketSession socket, String message) {
        socket.send(connectionError(message));
    }

    @Override
    public void notAcknowledged(SocketSession socket, String id) {
        socket.startFailed(id, "start received before the connection is initialised");
    }

    @Override
    public void duplicateId(SocketSession socket, String id) {
        socket.startFailed(id, "an operation already exists with this id: " + id);
    }

    /** Hasura resolves a second {@code connection_init} like the first. */
    @Override
    public boolean reinit(SocketSession socket) {
        return true;
    }

    @Override
    public void initFailed(SocketSession socket, String message) {
        socket.send(connectionError(message));
        socket.close(INVALID_MESSAGE, "Connection initialization failed: " + message);
    }

    @Override
    public void initTimedOut(SocketSession socket) {
        socket.close(INTERNAL_ERROR, "Connection initialisation timed out");
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
    public String result(String id, String payload) {
        return Frames.frame("data", id, payload);
    }

    /** {@code error} with {@code {"errors":[…]}}. */
    @Override
    public String operationError(String id, JsonNode errors) {
        return Frames.frame("error", id, Frames.errors(errors));
    }

    /** A {@code data} message whose payload has {@code errors} instead of {@code data}. */
    @Override
    public String executionError(String id, JsonNode errors) {
        return Frames.frame("data", id, Frames.errors(errors));
    }

    private static String connectionError(String message) {
        return Frames.frame("connection_error", null, JsonNodeFactory.instance.textNode(message).toString());
    }
}
