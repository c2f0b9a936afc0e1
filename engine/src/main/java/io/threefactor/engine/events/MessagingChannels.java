package io.threefactor.engine.events;

import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import io.threefactor.triggers.target.MessageChannel;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;

/**
 * Event trigger {@code channel} targets over SmallRye Reactive Messaging: a trigger's channel {@code orders} is the
 * outgoing channel configured by {@code mp.messaging.outgoing.orders.*} (connector, exchange or topic, broker).
 * Channel names come from metadata at run time, after the build fixed every {@code @Channel} injection point, so
 * instead of an injected emitter each channel gets its emitter here: a processor subscribed to the subscriber that
 * SmallRye created from that configuration. An event counts as delivered only when the connector acks the message,
 * i.e. after the broker confirmed it ({@code publish-confirms=true} for RabbitMQ, {@code acks=all} for Kafka).
 */
@Singleton
public class MessagingChannels implements MessageChannel {

    private static final Logger LOG = Logger.getLogger(MessagingChannels.class);

    /** A connector that lost its broker may hold a message indefinitely: the attempt fails and is retried. */
    private static final long CONFIRM_TIMEOUT_MS = 30_000;

    @Inject
    ChannelRegistry registry;

    @Inject
    Vertx vertx;

    private final Map<String, UnicastProcessor<Message<?>>> emitters = new ConcurrentHashMap<>();

    @Override
    public Future<Void> publish(String channel, String eventId, Buffer payload) {
        UnicastProcessor<Message<?>> emitter = emitters.computeIfAbsent(channel, this::attach);
        if (emitter == null) {
            return Future.failedFuture("no message channel " + channel + " is configured (mp.messaging.outgoing."
                    + channel + ".connector)");
        }
        // Acks arrive on the connector's thread; the deliverer expects its outcome on its own context.
        Context caller = Vertx.currentContext();
        Promise<Void> confirmed = Promise.promise();
        Metadata metadata = Metadata.of(OutgoingRabbitMQMetadata.builder()
                .withMessageId(eventId).withContentType("application/json").withDeliveryMode(2).build());
        Message<byte[]> message = Message.of(payload.getBytes(), metadata,
                () -> settle(caller, () -> confirmed.tryComplete()),
                error -> settle(caller, () -> confirmed.tryFail(error)));
        long timer = vertx.setTimer(CONFIRM_TIMEOUT_MS, t -> settle(caller,
                () -> confirmed.tryFail("no broker confirmation within " + CONFIRM_TIMEOUT_MS + " ms")));
        emitter.onNext(message);
        return confirmed.future().onComplete(x -> vertx.cancelTimer(timer));
    }

    /** The emitter of a configured outgoing channel that nothing else publishes to, or null. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private UnicastProcessor<Message<?>> attach(String channel) {
        List<Flow.Subscriber<? extends Message<?>>> subscribers = registry.getSubscribers(channel);
        if (subscribers.size() != 1) {
            return null;
        }
        UnicastProcessor<Message<?>> emitter = UnicastProcessor.create();
        emitter.subscribe().withSubscriber((Flow.Subscriber) subscribers.get(0));
        LOG.infof("event channel %s attached to its messaging connector", channel);
        return emitter;
    }

    private static CompletableFuture<Void> settle(Context context, Runnable action) {
        if (context == null) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
        return CompletableFuture.completedFuture(null);
    }
}
