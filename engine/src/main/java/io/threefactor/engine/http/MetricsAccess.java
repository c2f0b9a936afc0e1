package io.threefactor.engine.http;

import io.threefactor.engine.config.EngineConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * {@code /q/metrics} only for who may see it: with {@code HASURA_GRAPHQL_METRICS_SECRET} as Hasura asks for it
 * ({@code Authorization: Bearer <secret>}), or with the admin secret ({@code x-hasura-admin-secret}). Open when
 * neither secret is set, like the rest of an engine without an admin secret.
 */
@Singleton
public class MetricsAccess {

    static final String PATH = "/q/metrics";

    @Inject
    EngineConfig config;

    void register(@Observes Router router) {
        router.route(PATH).order(Integer.MIN_VALUE).handler(this::check);
        router.route(PATH + "/*").order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        Optional<String> metrics = config.metricsSecret().filter(s -> !s.isEmpty());
        Optional<String> admin = config.adminSecret().filter(s -> !s.isEmpty());
        if (metrics.isEmpty() && admin.isEmpty()) {
            ctx.next();
            return;
        }
        String bearer = ctx.request().getHeader("authorization");
        String adminHeader = ctx.request().getHeader("x-hasura-admin-secret");
        boolean allowed = metrics.map(s -> bearer != null && same(bearer, "Bearer " + s)).orElse(false)
                || admin.map(s -> adminHeader != null && same(adminHeader, s)).orElse(false);
        if (allowed) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(401).putHeader("content-type", "application/json; charset=utf-8")
                .end("{\"path\":\"$\",\"error\":\"the metrics need the metrics secret (Authorization: Bearer) "
                        + "or the admin secret\",\"code\":\"access-denied\"}");
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
