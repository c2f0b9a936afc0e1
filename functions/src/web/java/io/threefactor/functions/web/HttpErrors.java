package io.threefactor.functions.web;

import io.threefactor.functions.event.Answer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Error responses of the HTTP bindings (funqy-http, funqy-knative-events): {@link Answer}'s status contract, plus
 * the router's own 4xx (no such function, a body that is no event payload).
 */
@ApplicationScoped
public class HttpErrors {

    private static final Logger LOG = Logger.getLogger(HttpErrors.class);

    void install(@Observes Router router) {
        router.route().failureHandler(HttpErrors::respond);
    }

    static void respond(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        Throwable failure = ctx.failure();
        Answer answer;
        if (Answer.ours(failure) != null) {
            answer = Answer.of(failure);
            if (answer.retry()) {
                LOG.infof("%s %s: transient failure, the event will be retried: %s", ctx.request().method(),
                        ctx.normalizedPath(), answer.message());
            }
        } else if (failure == null && ctx.statusCode() == 400) {
            answer = Answer.badPayload("the body is not a Hasura event payload (JSON object with event.data.new)");
        } else if (failure == null && ctx.statusCode() > 0 && ctx.statusCode() < 500) {
            int status = ctx.statusCode();
            answer = status == 404 ? new Answer(404, "not-found", "no function at " + ctx.normalizedPath())
                    : new Answer(status, "bad-request", "request not accepted");
        } else {
            answer = Answer.unexpected();
            LOG.errorf(failure, "%s %s failed", ctx.request().method(), ctx.normalizedPath());
        }
        send(ctx, answer);
    }

    static void send(RoutingContext ctx, Answer answer) {
        ctx.response()
                .setStatusCode(answer.status())
                .putHeader("content-type", "application/json")
                .end(new JsonObject().put("error", answer.error()).put("message", answer.message()).encode());
    }
}
