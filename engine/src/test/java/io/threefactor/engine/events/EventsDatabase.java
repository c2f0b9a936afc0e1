package io.threefactor.engine.events;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.threefactor.engine.support.CoachingAppDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The coaching app (migrations, metadata, seeds) on a fresh database; its two webhooks point at a receiver served
 * here ({@code /fail} answers 500, every other path 200), and a RabbitMQ channel {@link #CHANNEL} is configured the
 * way a deployment would: {@code mp.messaging.outgoing.<channel>.*}, publishing to the topic exchange
 * {@link #EXCHANGE} on the broker at 127.0.0.1:5672.
 */
public class EventsDatabase implements QuarkusTestResourceLifecycleManager {

    static final String CHANNEL = "tf-events-" + UUID.randomUUID().toString().substring(0, 8);
    static final String EXCHANGE = "tf_test_" + CHANNEL;

    /** (path, body) of every webhook request, in arrival order. */
    static final List<Map.Entry<String, String>> RECEIVED = new CopyOnWriteArrayList<>();

    private final CoachingAppDatabase database = new CoachingAppDatabase();
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server;
        try {
            server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
                RECEIVED.add(Map.entry(req.path(), body.toString()));
                req.response().setStatusCode(req.path().equals("/fail") ? 500 : 200).end("{}");
            })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String webhooks = "http://127.0.0.1:" + server.actualPort();
        Map<String, String> config = new HashMap<>(database.start());
        config.put("PUBLISH_PROGRAM_WEBHOOK_URL", webhooks + "/publish-program");
        config.put("PROCESS_IMAGE_WEBHOOK_URL", webhooks + "/process-image");
        config.put("TF_FAILING_WEBHOOK", webhooks + "/fail");
        // The coaching app's triggers send the functions' caller secret (value_from_env); unset, delivery fails.
        config.put("FUNCTIONS_WEBHOOK_SECRET", "events-test-caller-secret");
        String channel = "mp.messaging.outgoing." + CHANNEL + ".";
        config.put(channel + "connector", "smallrye-rabbitmq");
        config.put(channel + "host", "127.0.0.1");
        config.put(channel + "port", "5672");
        config.put(channel + "username", "guest");
        config.put(channel + "password", "guest");
        config.put(channel + "exchange.name", EXCHANGE);
        config.put(channel + "exchange.type", "topic");
        config.put(channel + "exchange.durable", "false");
        config.put(channel + "exchange.auto-delete", "false");
        config.put(channel + "default-routing-key", "events");
        return config;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
        database.stop();
    }
}
