package io.threefactor.engine.ws;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * What one GraphQL-over-WebSocket sub-protocol says on the wire: what each inbound message type means, how results,
 * errors and keep-alives are framed, and how it answers a client that breaks the protocol. {@link SocketSession}
 * keeps the socket's state and calls on its dialect wherever the two protocols differ; {@code complete} and the
 * close codes both share stay there.
 */
sealed interface Dialect permits TransportWsDialect, LegacyWsDialect {

    Dialect TRANSPORT_WS = new TransportWsDialect();
    Dialect LEGACY_WS = new LegacyWsDialect();

    /** graphql-transport-ws when it was negotiated; otherwise (also when nothing was) the legacy protocol. */
    static Dialect negotiated(String subprotocol) {
        return TransportWsDialect.NAME.equals(subprotocol) ? TRANSPORT_WS : LEGACY_WS;
    }

    /** Acts on one inbound message, of a {@code type} the socket has read. */
    void receive(SocketSession socket, String type, String id, JsonNode payload);

    /** Answers a message the dialect does not accept (or one that is not a message at all). */
    void invalid(SocketSession socket, String id, String message);

    /** Answers an operation sent without an id. */
    void missingId(SocketSession socket);

    /** Answers an operation sent before {@code connection_ack}. */
    void notAcknowledged(SocketSession socket, String id);

    /** Answers an operation under the id of one still running; true when the new one may start. */
    boolean duplicateId(SocketSession socket, String id);

    /** Tells the client its {@code connection_init} was accepted. */
    void acknowledge(SocketSession socket);

    /** Keeps an acknowledged, idle connection open. */
    void keepAlive(SocketSession socket);

    /** The message that says why a connection is refused before it is closed, where the protocol has one. */
    Optional<String> connectionError(String message);

    /** One result of an operation; {@code payload} is {@code {"data":…}} or {@code {"errors":[…]}}. */
    String result(String id, String payload);

    /** An operation failed before it produced a result; {@code errors} is the JSON list of its errors. */
    String operationError(String id, JsonNode errors);
}
