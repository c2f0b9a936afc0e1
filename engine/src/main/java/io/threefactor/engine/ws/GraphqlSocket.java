package io.threefactor.engine.ws;

import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * {@code /v1/graphql} over WebSocket, with either sub-protocol: {@code graphql-transport-ws} (the graphql-ws
 * library) or the legacy {@code graphql-ws} (subscriptions-transport-ws), as the client asks in
 * {@code Sec-WebSocket-Protocol}. A socket's state is in its {@link SocketSession}, what its protocol says in a
 * {@link Dialect}; this class only routes. Binary messages are read as UTF-8 text, as Hasura reads them.
 */
@WebSocket(path = "/v1/graphql")
public class GraphqlSocket {

    private static final Logger LOG = Logger.getLogger(GraphqlSocket.class);

    @Inject
    SocketSessions sessions;

    @Inject
    SocketLimits limits;

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        sessions.open(connection);
        return Uni.createFrom().voidItem();
    }

    @OnTextMessage
    public Uni<Void> message(String text, WebSocketConnection connection) {
        SocketSession session = sessions.get(connection);
        if (session != null) {
            try {
                session.receive(text);
            } catch (RuntimeException e) {
                LOG.warn("failure handling a WebSocket message", e);
            }
        }
        return Uni.createFrom().voidItem();
    }

    @OnBinaryMessage
    public Uni<Void> binary(Buffer data, WebSocketConnection connection) {
        SocketSession session = sessions.get(connection);
        if (session != null) {
            try {
                session.receive(data.getBytes());
            } catch (RuntimeException e) {
                LOG.warn("failure handling a WebSocket message", e);
            }
        }
        return Uni.createFrom().voidItem();
    }

    @OnClose
    public Uni<Void> close(WebSocketConnection connection) {
        sessions.closed(connection);
        return Uni.createFrom().voidItem();
    }

    @OnError
    public Uni<Void> error(Throwable failure, WebSocketConnection connection) {
        SocketSession session = sessions.get(connection);
        if (session != null && SocketLimits.tooLarge(failure)) {
            session.oversized(limits.maxMessageBytes());
        } else {
            LOG.debugf("WebSocket error on %s: %s", connection.id(), failure.getMessage());
        }
        return Uni.createFrom().voidItem();
    }
}
