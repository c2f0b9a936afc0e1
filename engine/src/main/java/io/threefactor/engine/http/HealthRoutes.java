package io.threefactor.engine.http;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import io.vertx.sqlclient.Pool;
import io.threefactor.engine.runtime.StartupState;

/** Hasura's {@code GET /healthz} and {@code GET /v1/version}. */
@Singleton
public class HealthRoutes {

    public static final String VERSION = "v2.48.0-threefactor.0.1.0";

    @Inject
    Pool pool;

    @Inject
    StartupState startup;

    void register(@Observes Router router) {
        router.get("/healthz").handler(ctx -> {
            if (!startup.ready()) {
                ctx.response().setStatusCode(503).end("ERROR");
                return;
            }
            pool.query("SELECT 1").execute().onComplete(r -> ctx.response()
                    .setStatusCode(r.succeeded() ? 200 : 500).end(r.succeeded() ? "OK" : "ERROR"));
        });
        router.get("/v1/version").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
                .end("{\"version\":\"" + VERSION + "\"}"));
    }
}
