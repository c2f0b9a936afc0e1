package io.threefactor.functions;

import io.threefactor.functions.event.BadEventException;
import io.threefactor.functions.event.RetryableException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Error responses of the HTTP binding: a short JSON body {@code {"error","message"}}, never a
 * stack trace. 400 for payloads no retry can fix, 503 for transient failures (the event
 * trigger retries on any non-2xx), 500 otherwise.
 */
@ApplicationScoped
public class HttpErrors {

    private static final Logger LOG = Logger.getLogger(HttpErrors.class);

    void install(@Observes Router router) {
        router.route().failureHandler(HttpErrors::respond);
    }

    /** Funqy wraps what a function throws (ApplicationException); find our exception in the chain. */
    private static Throwable ours(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BadEventException || t instanceof RetryableException) {
                return t;
            }
        }
        return failure;
    }

    static void respond(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        Throwable failure = ours(ctx.failure());
        int status;
        String error;
        String message;
        if (failure instanceof BadEventException) {
            status = 400;
            error = "bad-payload";
            message = failure.getMessage();
        } else if (failure instanceof RetryableException) {
            status = 503;
            error = "retry";
            message = failure.getMessage();
            LOG.infof("%s %s: transient failure, the event will be retried: %s", ctx.request().method(),
                    ctx.normalizedPath(), failure.getMessage());
        } else if (failure == null && ctx.statusCode() == 400) {
            status = 400;
            error = "bad-payload";
            message = "the body is not a Hasura event payload (JSON object with event.data.new)";
        } else if (failure == null && ctx.statusCode() > 0 && ctx.statusCode() < 500) {
            status = ctx.statusCode();
            error = status == 404 ? "not-found" : "bad-request";
            message = status == 404 ? "no function at " + ctx.normalizedPath() : "request not accepted";
        } else {
            status = 500;
            error = "unexpected";
            message = "internal error; see the function log";
            LOG.errorf(failure, "%s %s failed", ctx.request().method(), ctx.normalizedPath());
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("content-type", "application/json")
                .end(new JsonObject().put("error", error).put("message", message).encode());
    }
}
