package io.threefactor.triggers.target;

import com.rabbitmq.client.AMQP;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;

/**
 * Publishes events to RabbitMQ with publisher confirms: a channel name is the routing key on the configured exchange
 * (the default exchange routes it to the queue of that name). Messages are persistent and carry the event id as
 * {@code message-id}, so consumers can dedupe redeliveries.
 */
public final class RabbitMqChannel implements MessageChannel {
    private static final long CONFIRM_TIMEOUT_MS = 10_000;

    private final RabbitMQClient client;
    private final String exchange;

    private RabbitMqChannel(RabbitMQClient client, String exchange) {
        this.client = client;
        this.exchange = exchange;
    }

    /** Connects (reconnecting on its own afterwards) and turns on publisher confirms for every connection. */
    public static Future<RabbitMqChannel> connect(Vertx vertx, RabbitMQOptions options, String exchange) {
        options.setAutomaticRecoveryEnabled(false).setReconnectAttempts(Integer.MAX_VALUE).setReconnectInterval(1000);
        RabbitMQClient client = RabbitMQClient.create(vertx, options);
        client.addConnectionEstablishedCallback(promise -> client.confirmSelect().onComplete(promise));
        return client.start().map(v -> new RabbitMqChannel(client, exchange == null ? "" : exchange));
    }

    @Override
    public Future<Void> publish(String channel, String eventId, Buffer payload) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(eventId)
                .contentType("application/json")
                .deliveryMode(2)
                .build();
        return client.basicPublish(exchange, channel, properties, payload)
                .compose(v -> client.waitForConfirms(CONFIRM_TIMEOUT_MS));
    }

    public Future<Void> close() {
        return client.stop();
    }
}
