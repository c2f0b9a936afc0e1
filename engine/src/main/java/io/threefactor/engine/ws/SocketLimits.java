package io.threefactor.engine.ws;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.threefactor.engine.config.EngineConfig;
import io.vertx.core.http.HttpServerOptions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Bounds WebSocket messages at {@code threefactor.subscriptions.max-message-bytes}. Vert.x reports a message
 * over the bound as a failure of the socket, which {@link GraphqlSocket} answers in the protocol's terms; frames
 * may be up to twice the bound so that a single oversized frame (what most clients send) reaches that answer too,
 * instead of the transport dropping the connection without a word.
 */
@Singleton
public class SocketLimits implements HttpServerOptionsCustomizer {

    @Inject
    EngineConfig config;

    int maxMessageBytes() {
        return config.subscriptions().maxMessageBytes();
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        apply(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        apply(options);
    }

    private void apply(HttpServerOptions options) {
        int max = maxMessageBytes();
        options.setMaxWebSocketMessageSize(max);
        options.setMaxWebSocketFrameSize((int) Math.min(Integer.MAX_VALUE, 2L * max));
    }

    /** Whether a socket's failure is Vert.x refusing a message over the bound. */
    static boolean tooLarge(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException && t.getMessage() != null
                    && t.getMessage().contains("max message size")) {
                return true;
            }
        }
        return false;
    }
}
