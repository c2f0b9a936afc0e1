package io.threefactor.engine.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;

/**
 * {@code graphql-transport-ws}, the protocol of the graphql-ws library. A client that breaks it is closed with a
 * 44xx code: 4400 a text that is no message, 4401 subscribe before {@code connection_ack}, 4403 refused
 * credentials, 4408 no {@code connection_init} in time, 4409 duplicate operation id, 4429 a second
 * {@code connection_init}.
 */
final class TransportWsDialect implements Dialect {

    static final String NAME = "graphql-transport-ws";

    private static final int INVALID_MESSAGE = 4400;
    private static final int UNAUTHORIZED = 4401;
    private static final int FORBIDDEN = 4403;
    private static final int INIT_TIMEOUT = 4408;
    private static final int DUPLICATE_ID = 4409;
    private static final int TOO_MANY_INITS = 4429;
    private static final String ACK = Frames.frame("connection_ack", null, null);
    private static final Buffer PING = Buffer.buffer("ka");

    @Override
    public void invalid(SocketSession socket, String message) {
        socket.close(INVALID_MESSAGE, message);
    }

    @Override
    public void notAcknowledged(SocketSession socket, String id) {
        socket.close(UNAUTHORIZED, "Unauthorized");
    }

    @Override
    public void duplicateId(SocketSession socket, String id) {
        socket.close(DUPLICATE_ID, "Subscriber for " + id + " already exists");
    }

    @Override
    public boolean reinit(SocketSession socket) {
        socket.close(TOO_MANY_INITS, "Too many initialisation requests");
        return false;
    }

    @Override
    public void initFailed(SocketSession socket, String message) {
        socket.close(FORBIDDEN, "Forbidden: " + message);
    }

    @Override
    public void initTimedOut(SocketSession socket) {
        socket.close(INIT_TIMEOUT, "Connection initialisation timeout");
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

    @Override
    public String result(String id, String payload) {
        return Frames.frame("next", id, payload);
    }

    @Override
    public String operationError(String id, JsonNode errors) {
        return Frames.frame("error", id, errors.toString());
    }

    /** An {@code error} message too: graphql-ws has no errors inside {@code next} for a failed operation. */
    @Override
    public String executionError(String id, JsonNode errors) {
        return Frames.frame("error", id, errors.toString());
    }
}
