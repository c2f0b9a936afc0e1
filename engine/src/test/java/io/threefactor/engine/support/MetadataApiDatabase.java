package io.threefactor.engine.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A fresh database with the metadata-api fixture (author tracked; article, tag, note and two functions not), an
 * admin secret, and a webhook receiver on 127.0.0.1 whose base URL is the config value {@code TF_TEST_WEBHOOK}
 * (for {@code {{TF_TEST_WEBHOOK}}} templates and {@code webhook_from_env}).
 */
public class MetadataApiDatabase implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_SECRET = "metadata-secret";

    /** Request bodies the webhook received, in arrival order. */
    public static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

    private String database;
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        database = TestDatabases.create("tf_engine_meta");
        vertx = Vertx.vertx();
        HttpServer server;
        try {
            server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
                RECEIVED.add(body.toString());
                req.response().setStatusCode(200).end("{\"ok\":true}");
            })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "threefactor.database-url", TestDatabases.url(database),
                "threefactor.project-dir", Path.of("src/test/resources/projects/metadata-api").toAbsolutePath().toString(),
                "threefactor.example-app", "false",
                "threefactor.admin-secret", ADMIN_SECRET,
                "TF_TEST_WEBHOOK", "http://127.0.0.1:" + server.actualPort());
    }

    public static String url(String database) {
        return TestDatabases.url(database);
    }

    public String database() {
        return database;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
        if (database != null) {
            TestDatabases.drop(database);
        }
    }
}
