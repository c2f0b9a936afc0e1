package io.threefactor.triggers.target;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * A message broker the {@code channel} target publishes to. The returned future completes when the broker has
 * accepted the message (publisher confirm / ack), so a completed future means the event may be marked delivered.
 * Implementations: {@link RabbitMqChannel}; the engine can adapt a SmallRye Reactive Messaging {@code Emitter} with
 * a lambda (see the README).
 */
@FunctionalInterface
public interface MessageChannel {
    Future<Void> publish(String channel, String eventId, Buffer payload);

    MessageChannel NONE = (channel, id, payload) ->
            Future.failedFuture("no message channel is configured for channel " + channel);
}
