package io.threefactor.engine.ws;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one GraphQL-over-WebSocket sub-protocol says on the wire: how results, errors and keep-alives are framed,
 * and how it answers a client that breaks the protocol. Both read the same {@link ClientMessage}s, as in Hasura
 * (server/src-lib/Hasura/GraphQL/Transport/WSServerApp.hs, {@code mkWSActions}). {@link SocketSession} keeps the
 * socket's state and calls on its dialect wherever the two protocols differ.
 */
sealed interface Dialect permits TransportWsDialect, LegacyWsDialect {

    Dialect TRANSPORT_WS = new TransportWsDialect();
    Dialect LEGACY_WS = new LegacyWsDialect();

    /** graphql-transport-ws when it was negotiated; otherwise (also when nothing was) the legacy protocol. */
    static Dialect negotiated(String subprotocol) {
        return TransportWsDialect.NAME.equals(subprotocol) ? TRANSPORT_WS : LEGACY_WS;
    }

    /** Answers a text that is not a client message ({@code message} says why). */
    void invalid(SocketSession socket, String message);

    /** Answers an operation sent before {@code connection_ack}. */
    void notAcknowledged(SocketSession socket, String id);

    /** Answers an operation under the id of one still running, which goes on. */
    void duplicateId(SocketSession socket, String id);

    /** Answers a second {@code connection_init}; true when it is to be resolved like the first. */
    boolean reinit(SocketSession socket);

    /** Refuses the credentials of {@code connection_init} ({@code message} says why) and closes. */
    void initFailed(SocketSession socket, String message);

    /** Closes a socket that sent no {@code connection_init} in time. */
    void initTimedOut(SocketSession socket);

    /** Tells the client its {@code connection_init} was accepted. */
    void acknowledge(SocketSession socket);

    /** Keeps an acknowledged, idle connection open. */
    void keepAlive(SocketSession socket);

    /** One result of an operation; {@code payload} is {@code {"data":…}}. */
    String result(String id, String payload);

    /** An operation failed before it ran (parse, validation, planning); {@code errors} is the JSON list. */
    String operationError(String id, JsonNode errors);

    /** An operation failed while it ran (the database refused it); {@code errors} is the JSON list. */
    String executionError(String id, JsonNode errors);
}
