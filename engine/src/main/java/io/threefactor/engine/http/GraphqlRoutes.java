package io.threefactor.engine.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threefactor.engine.config.EngineConfig;
import io.threefactor.engine.execute.GraphqlRequest;
import io.threefactor.engine.execute.GraphqlRequestReader;
import io.threefactor.engine.session.AuthenticationException;
import io.threefactor.engine.session.Session;
import io.threefactor.engine.auth.SessionResolver;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import io.threefactor.engine.error.GraphqlError;
import io.threefactor.engine.runtime.Cancellation;
import io.threefactor.engine.runtime.Snapshots;
import io.threefactor.engine.execute.GraphqlExecutor;
import io.threefactor.engine.config.Databases;
import java.io.IOException;

/**
 * {@code POST /v1/graphql} (and the older {@code /v1alpha1/graphql}): a request or a JSON array of requests.
 * The answer is written as {@code {"data":} + the JSON text Postgres built + {@code }}, never re-parsed.
 */
@Singleton
public class GraphqlRoutes {

    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final GraphqlRequestReader REQUEST = new GraphqlRequestReader("$", "expected an object");

    @Inject
    Snapshots snapshots;

    @Inject
    GraphqlExecutor executor;

    @Inject
    Databases databases;

    @Inject
    SessionResolver sessions;

    @Inject
    ObjectMapper json;

    @Inject
    EngineConfig config;

    @Inject
    RequestMetrics requestMetrics; // ops: metrics and the access log

    private ErrorResponses errors;

    void register(@Observes Router router) {
        errors = new ErrorResponses(json);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.maxRequestBytes());
        for (String path : List.of("/v1/graphql", "/v1alpha1/graphql")) {
            router.post(path).order(-1).handler(GraphqlRoutes::readAnyBodyAsJson);
        }
        router.post("/v1/graphql").handler(body).handler(ctx -> handle(ctx, false));
        // the older endpoint keeps an error's status: Hasura's v1alpha1 handler does not map errors to 200
        router.post("/v1alpha1/graphql").handler(body).handler(ctx -> handle(ctx, true));
    }

    /**
     * Hasura reads every body as JSON, whatever its content type ({@code curl -d} sends a form type). The body
     * handler would try to decode a form, and fail on a long one, so it is told the body is JSON.
     */
    private static void readAnyBodyAsJson(RoutingContext ctx) {
        String type = ctx.request().getHeader("content-type");
        if (type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/"))) {
            ctx.request().headers().set("content-type", "application/json");
        }
        ctx.next();
    }

    private void handle(RoutingContext ctx, boolean keepsErrorStatus) {
        HttpServerResponse response = ctx.response().putHeader("content-type", JSON_TYPE);
        JsonNode body;
        try {
            Buffer raw = ctx.body().buffer();
            // trailing text after the JSON value is an error, as in Hasura, not silently dropped
            body = raw == null ? null : json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(raw.getBytes());
        } catch (IOException e) {
            response.setStatusCode(400).end(errors.body(new GraphqlError("invalid JSON in the request body",
                    "$", "invalid-json")));
            return;
        }
        if (body == null || !(body.isObject() || body.isArray())) {
            response.setStatusCode(400).end(errors.body(new GraphqlError(
                    "the request body must be a JSON object or an array of them", "$", "bad-request")));
            return;
        }
        MultiMap headers = ctx.request().headers();
        sessions.resolveAsync(headers::get, headers.names()).onComplete(resolved -> {
            if (resolved.failed()) {
                String answer = errors.body(resolved.cause());
                requestMetrics.rejected(body, answer); // ops
                if (keepsErrorStatus && resolved.cause() instanceof AuthenticationException refused) {
                    response.setStatusCode(refused.httpStatus());
                }
                response.end(answer);
            } else {
                requestMetrics.identify(ctx, body, resolved.result().role()); // ops
                // a client that leaves gets its statements cancelled in Postgres
                Cancellation cancellation = new Cancellation();
                response.closeHandler(v -> cancellation.cancel());
                execute(response, body, resolved.result(), cancellation, keepsErrorStatus);
            }
        });
    }

    private void execute(HttpServerResponse response, JsonNode body, Session session, Cancellation cancellation,
            boolean keepsErrorStatus) {
        if (body.isObject()) {
            executeOne(session, body, cancellation).onComplete(r -> {
                if (keepsErrorStatus && isErrorAnswer(r.result())) {
                    response.setStatusCode(400);
                }
                end(response, r.result());
            });
            return;
        }
        List<Future<Buffer>> results = new ArrayList<>();
        Future<Buffer> chain = Future.succeededFuture();
        for (JsonNode item : body) {
            chain = chain.compose(x -> executeOne(session, item, cancellation));
            results.add(chain);
        }
        chain.onComplete(done -> {
            Buffer out = Buffer.buffer().appendByte((byte) '[');
            for (int i = 0; i < results.size(); i++) {
                out.appendString(i > 0 ? "," : "").appendBuffer(results.get(i).result());
            }
            end(response, out.appendByte((byte) ']'));
        });
    }

    private static void end(HttpServerResponse response, Buffer answer) {
        if (!response.closed()) {
            response.end(answer);
        }
    }

    /** One request's full JSON answer; failures become Hasura errors, so the future always succeeds. */
    private Future<Buffer> executeOne(Session session, JsonNode body, Cancellation cancellation) {
        return requestMetrics.time(body, () -> executeUntimed(session, body, cancellation)); // ops
    }

    private Future<Buffer> executeUntimed(Session session, JsonNode body, Cancellation cancellation) {
        try {
            GraphqlRequest request = REQUEST.read(body);
            return executor.execute(databases, snapshots.current(), session, request, cancellation)
                    .map(GraphqlRoutes::dataResponse)
                    .recover(e -> Future.succeededFuture(Buffer.buffer(errors.body(e))));
        } catch (RuntimeException e) {
            return Future.succeededFuture(Buffer.buffer(errors.body(e)));
        }
    }

    /** Whether an answer is one of {@link ErrorResponses}' bodies (an answer with data never starts so). */
    private static boolean isErrorAnswer(Buffer answer) {
        return answer.length() > 10 && answer.getString(0, 10).equals("{\"errors\":");
    }

    static Buffer dataResponse(String data) {
        return Buffer.buffer(data.length() + 10).appendString("{\"data\":").appendString(data).appendByte((byte) '}');
    }
}
