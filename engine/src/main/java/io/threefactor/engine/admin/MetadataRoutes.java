package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.config.EngineConfig;
import io.threefactor.engine.error.MetadataApiException;
import io.threefactor.engine.session.AuthenticationException;
import io.threefactor.engine.session.Session;
import io.threefactor.engine.auth.SessionResolver;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import java.io.IOException;

/**
 * {@code POST /v1/metadata}, {@code POST /v1/query} (the older names, without {@code pg_}, plus {@code run_sql}) and
 * {@code POST /v2/query} ({@code run_sql}, {@code bulk}); admin only. Errors in Hasura's flat metadata shape:
 * {@code {"path":…,"error":…,"code":…}} (plus {@code internal} for inconsistencies and database errors).
 */
@Singleton
public class MetadataRoutes {

    private static final Logger LOG = Logger.getLogger(MetadataRoutes.class);
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    @Inject
    MetadataService service;

    @Inject
    SessionResolver sessions;

    @Inject
    ObjectMapper json;

    @Inject
    EngineConfig config;

    void register(@Observes Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(Math.max(config.maxRequestBytes(), 64 * 1024 * 1024));
        router.post("/v1/metadata").handler(body).handler(ctx -> handle(ctx, Endpoint.METADATA));
        router.post("/v1/query").handler(body).handler(ctx -> handle(ctx, Endpoint.QUERY_V1));
        router.post("/v2/query").handler(body).handler(ctx -> handle(ctx, Endpoint.QUERY_V2));
    }

    private void handle(RoutingContext ctx, Endpoint endpoint) {
        // who is asking comes first, as in Hasura: an unauthenticated caller learns nothing about its body
        Session session;
        try {
            MultiMap headers = ctx.request().headers();
            session = sessions.resolve(headers::get, headers.names());
        } catch (AuthenticationException e) {
            send(ctx, new MetadataApiException(e.code(), e.getMessage(), "$", 401, null));
            return;
        } catch (RuntimeException e) {
            send(ctx, e);
            return;
        }
        JsonNode body;
        try {
            Buffer raw = ctx.body().buffer();
            body = raw == null || raw.length() == 0 ? null : json.readTree(raw.getBytes());
        } catch (IOException e) {
            send(ctx, new MetadataApiException("invalid-json", "Error in $: Failed reading: not a valid json value",
                    "$"));
            return;
        }
        if (body == null || !body.isObject()) {
            send(ctx, MetadataApiException.parse("expected an object with the keys 'type' and 'args'", "$"));
            return;
        }
        if (!session.isAdmin() && endpoint == Endpoint.METADATA) {
            // /v1/query and /v2/query let other roles use the row API; the service refuses them anything else
            send(ctx, new MetadataApiException("access-denied", "restricted access : admin only", "$"));
            return;
        }
        service.execute(body, session, endpoint).onComplete(r -> {
            if (r.succeeded()) {
                ctx.response().setStatusCode(200).putHeader("content-type", JSON_TYPE).end(r.result().toString());
            } else {
                send(ctx, r.cause());
            }
        });
    }

    private void send(RoutingContext ctx, Throwable failure) {
        MetadataApiException e;
        if (failure instanceof MetadataApiException m) {
            e = m;
        } else {
            LOG.error("unexpected failure in a metadata call", failure);
            e = new MetadataApiException("unexpected", "unexpected error", "$", 500, null);
        }
        ObjectNode out = json.createObjectNode();
        out.put("path", e.path());
        out.put("error", e.getMessage());
        out.put("code", e.code());
        if (e.internal() != null) {
            out.set("internal", e.internal());
        }
        ctx.response().setStatusCode(e.status()).putHeader("content-type", JSON_TYPE).end(out.toString());
    }
}
