package io.threefactor.engine.http;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** A path or method the engine does not serve gets Hasura's JSON 404, not the web framework's HTML page. */
@Singleton
public class NotFound {

    static final String BODY = "{\"path\":\"$\",\"error\":\"resource does not exist\",\"code\":\"not-found\"}";

    void register(@Observes Router router) {
        router.errorHandler(404, ctx -> ctx.response().setStatusCode(404)
                .putHeader("content-type", "application/json; charset=utf-8").end(BODY));
    }
}
