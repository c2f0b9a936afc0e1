package io.threefactor.triggers.target;

import io.threefactor.triggers.EventTriggers;
import io.threefactor.triggers.definition.EventTriggerDefinition;
import io.threefactor.triggers.definition.OperationSpec;
import io.threefactor.triggers.definition.QualifiedTable;
import io.threefactor.triggers.definition.RetryConf;
import io.threefactor.triggers.definition.Target;
import io.threefactor.triggers.support.TriggersTestBase;
import io.vertx.core.json.JsonObject;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQMessage;
import io.vertx.rabbitmq.RabbitMQOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.threefactor.triggers.support.Await.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Targets beyond a literal webhook: Funqy functions by name and a RabbitMQ channel. */
class TargetsTest extends TriggersTestBase {

    @Test
    void a_function_target_posts_the_payload_to_the_url_configured_for_that_function() {
        QualifiedTable table = newTable("fn");
        FunctionEndpoints endpoints = new FunctionEndpoints(Map.of("publish-program", webhook.url("/prod/publish")),
                webhook.url("/local/{name}"));
        EventTriggers triggers = instance(fastConfig().toBuilder().functions(endpoints).build());
        await(triggers.install(trigger("fn_publish", table, new Target.Function("publish-program"))));
        await(triggers.install(trigger("fn_image", table, new Target.Function("process-image"))));
        await(triggers.start());

        sql("INSERT INTO " + table.quoted() + " (name) VALUES ('x')");

        await().atMost(Duration.ofSeconds(5)).until(() -> webhook.count() == 2);
        assertEquals(1, webhook.received().stream().filter(r -> r.path().equals("/prod/publish")).count());
        assertEquals(1, webhook.received().stream().filter(r -> r.path().equals("/local/process-image")).count());
    }

    @Test
    void an_unconfigured_function_fails_the_attempt_and_keeps_the_event() {
        QualifiedTable table = newTable("fn_missing");
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(trigger("fn_missing", table, new Target.Function("nowhere"))));
        await(triggers.start());

        sql("INSERT INTO " + table.quoted() + " (name) VALUES ('x')");

        await().atMost(Duration.ofSeconds(5)).until(() -> count("SELECT count(*) FROM hdb_catalog.event_log "
                + "WHERE trigger_name = 'fn_missing' AND error") == 1);
        assertTrue(sql("SELECT response::text FROM hdb_catalog.event_invocation_logs WHERE trigger_name = 'fn_missing'")
                .iterator().next().getString(0).contains("function nowhere"));
    }

    @Test
    void a_channel_target_publishes_to_rabbitmq_with_the_event_id_as_message_id() {
        QualifiedTable table = newTable("channel");
        String queue = "tf_triggers_test_" + System.nanoTime();
        RabbitMQOptions options = new RabbitMQOptions().setHost("127.0.0.1").setPort(5672).setUser("guest")
                .setPassword("guest");
        RabbitMQClient consumer = RabbitMQClient.create(vertx, new RabbitMQOptions(options));
        await(consumer.start());
        await(consumer.queueDeclare(queue, false, false, true));
        RabbitMqChannel channel = await(RabbitMqChannel.connect(vertx, options, ""));
        try {
            EventTriggers triggers = instance(vertx, pool, fastConfig(), channel);
            await(triggers.install(trigger("to_rabbit", table, new Target.Channel(queue))));
            await(triggers.start());

            sql("INSERT INTO " + table.quoted() + " (name) VALUES ('to the broker')");

            await().atMost(Duration.ofSeconds(5)).until(() -> count("SELECT count(*) FROM hdb_catalog.event_log "
                    + "WHERE trigger_name = 'to_rabbit' AND delivered") == 1);
            RabbitMQMessage message = await(consumer.basicGet(queue, true));
            assertNotNull(message);
            JsonObject body = message.body().toJsonObject();
            assertEquals("to the broker", body.getJsonObject("event").getJsonObject("data").getJsonObject("new")
                    .getString("name"));
            assertEquals(body.getString("id"), message.properties().getMessageId());
            assertEquals(200, sql("SELECT status FROM hdb_catalog.event_invocation_logs "
                    + "WHERE trigger_name = 'to_rabbit'").iterator().next().getInteger(0));
        } finally {
            await(channel.close());
            await(consumer.queueDelete(queue));
            await(consumer.stop());
        }
    }

    @Test
    void a_webhook_with_the_channel_scheme_publishes_to_that_channel_even_when_read_from_the_environment() {
        QualifiedTable table = newTable("channel_url");
        java.util.List<String> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        MessageChannel recording = (channel, id, payload) -> {
            published.add(channel + " " + id);
            return io.vertx.core.Future.succeededFuture();
        };
        EventTriggers triggers = instance(vertx, pool, fastConfig().toBuilder()
                .environment(Map.of("ORDERS_TARGET", "channel://orders-from-env")::get).build(), recording);
        await(triggers.install(trigger("url_channel", table, new Target.WebhookUrl("channel://orders"))));
        await(triggers.install(trigger("env_channel", table, new Target.WebhookFromEnv("ORDERS_TARGET"))));
        await(triggers.start());

        sql("INSERT INTO " + table.quoted() + " (name) VALUES ('x')");

        await().atMost(Duration.ofSeconds(5)).until(() -> count("SELECT count(*) FROM hdb_catalog.event_log "
                + "WHERE trigger_name IN ('url_channel', 'env_channel') AND delivered") == 2);
        assertEquals(java.util.Set.of("orders", "orders-from-env"),
                published.stream().map(p -> p.split(" ")[0]).collect(java.util.stream.Collectors.toSet()));
        assertEquals(0, webhook.count(), "nothing went over HTTP");
    }

    private static EventTriggerDefinition trigger(String name, QualifiedTable table, Target target) {
        return EventTriggerDefinition.builder(name, table, target).insert(OperationSpec.allColumns())
                .retryConf(new RetryConf(0, 0, 5)).build();
    }
}
