package io.threefactor.engine.ops;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * {@code /console} → {@code /console/}: the console's static pages (GraphiQL, event triggers) are served from
 * {@code META-INF/resources/console/}. The pages are public; every call they make needs the admin secret.
 */
@Singleton
public class ConsoleRoutes {

    void register(@Observes Router router) {
        // Vert.x matches "/console/" too: only the bare path is redirected, the rest goes to the static files
        router.get("/console").handler(ctx -> {
            if ("/console".equals(ctx.request().path())) {
                ctx.response().setStatusCode(302).putHeader("location", "/console/").end();
            } else {
                ctx.next();
            }
        });
    }
}
