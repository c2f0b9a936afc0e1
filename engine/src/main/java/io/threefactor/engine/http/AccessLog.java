package io.threefactor.engine.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import io.threefactor.engine.execute.TraceContext;

/**
 * One line per HTTP request on the {@code io.threefactor.access} category at INFO: method, path (never the query
 * string), status, duration, for GraphQL the role and the operation (type and name), and the trace id when tracing
 * is on. Headers — Authorization,
 * cookies, the admin secret — and bodies are never logged. The category is off (WARN) unless
 * {@code QUARKUS_LOG_CATEGORY__IO_THREEFACTOR_ACCESS__LEVEL=INFO} (on in the staging profile).
 * The same values go into the MDC while the line is logged, so JSON logs carry them as fields
 * ({@code http_method}, {@code http_path}, {@code http_status}, {@code duration_ms}, {@code role},
 * {@code operation}, {@code trace_id}); the text format ignores them.
 */
@Singleton
public class AccessLog {

    public static final String CATEGORY = "io.threefactor.access";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        if (LOG.isInfoEnabled()) {
            long start = System.nanoTime();
            String trace = TraceContext.currentTraceId();
            ctx.addEndHandler(done -> log(ctx, start, trace));
        }
        ctx.next();
    }

    private static void log(RoutingContext ctx, long start, String trace) {
        Map<String, Object> fields = fields(ctx, start, trace);
        fields.forEach(MDC::put);
        try {
            LOG.info(line(fields));
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
    }

    /** The request's values once: the MDC fields, and what the text line is made of. */
    static Map<String, Object> fields(RoutingContext ctx, long start, String trace) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("http_method", ctx.request().method().name());
        fields.put("http_path", printable(ctx.request().path()));
        fields.put("http_status", ctx.response().getStatusCode());
        fields.put("duration_ms", Math.round((System.nanoTime() - start) / 1e5) / 10.0);
        Object role = ctx.get(RequestMetrics.ROLE);
        if (role != null) {
            fields.put("role", printable(role.toString()));
        }
        Object operation = ctx.get(RequestMetrics.OPERATION);
        if (operation != null) {
            fields.put("operation", printable(operation.toString()));
        }
        if (trace != null) {
            fields.put("trace_id", trace);
        }
        return fields;
    }

    /** {@code POST /v1/graphql 200 3.1ms role=user operation="query Q" trace=…}. */
    static String line(Map<String, Object> fields) {
        StringBuilder b = new StringBuilder(96)
                .append(fields.get("http_method")).append(' ')
                .append(fields.get("http_path")).append(' ')
                .append(fields.get("http_status")).append(' ')
                .append(String.format(Locale.ROOT, "%.1fms", (Double) fields.get("duration_ms")));
        if (fields.containsKey("role")) {
            b.append(" role=").append(fields.get("role"));
        }
        if (fields.containsKey("operation")) {
            b.append(" operation=\"").append(fields.get("operation")).append('"');
        }
        if (fields.containsKey("trace_id")) {
            b.append(" trace=").append(fields.get("trace_id"));
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
