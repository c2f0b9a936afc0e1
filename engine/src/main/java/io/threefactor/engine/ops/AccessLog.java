package io.threefactor.engine.ops;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.Locale;

/**
 * One line per HTTP request on the {@code io.threefactor.access} category at INFO: method, path (never the query
 * string), status, duration, for GraphQL the role and the operation (type and name), and the trace id when tracing
 * is on. Headers — Authorization,
 * cookies, the admin secret — and bodies are never logged. The category is off (WARN) unless
 * {@code QUARKUS_LOG_CATEGORY__IO_THREEFACTOR_ACCESS__LEVEL=INFO} (on in the staging profile).
 */
@Singleton
public class AccessLog {

    static final String CATEGORY = "io.threefactor.access";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        if (LOG.isInfoEnabled()) {
            long start = System.nanoTime();
            String trace = TraceContext.currentTraceId();
            ctx.addEndHandler(done -> LOG.info(trace == null ? line(ctx, start) : line(ctx, start) + " trace=" + trace));
        }
        ctx.next();
    }

    static String line(RoutingContext ctx, long start) {
        StringBuilder b = new StringBuilder(96)
                .append(ctx.request().method().name()).append(' ')
                .append(printable(ctx.request().path())).append(' ')
                .append(ctx.response().getStatusCode()).append(' ')
                .append(String.format(Locale.ROOT, "%.1fms", (System.nanoTime() - start) / 1e6));
        Object role = ctx.get(RequestMetrics.ROLE);
        if (role != null) {
            b.append(" role=").append(printable(role.toString()));
        }
        Object operation = ctx.get(RequestMetrics.OPERATION);
        if (operation != null) {
            b.append(" operation=\"").append(printable(operation.toString())).append('"');
        }
        return b.toString();
    }

    /** No control characters (log injection) and a bounded length. */
    private static String printable(String s) {
        if (s == null) {
            return "-";
        }
        String t = s.length() > 200 ? s.substring(0, 200) + "…" : s;
        return t.replaceAll("[\\p{Cntrl}\"]", "_");
    }
}
