package io.threefactor.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;

/**
 * GraphQL request metrics: {@code threefactor_graphql_requests_seconds{operation,outcome}} (count, sum, max) per
 * operation type and {@code threefactor_graphql_errors_total{operation,code}} per Hasura error code. Called by
 * {@code http/GraphqlRoutes} around each operation; also tags the routing context with the role and operation
 * for the access log.
 */
@Singleton
public class RequestMetrics {

    /** Routing-context keys read by {@link AccessLog}. */
    public static final String ROLE = "threefactor.role";
    public static final String OPERATION = "threefactor.operation";

    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]{1,64})\"");

    @Inject
    MeterRegistry registry;

    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> errors = new ConcurrentHashMap<>();

    /** Remembers who the request runs as and which operation it names, for the access log. */
    public void identify(RoutingContext ctx, JsonNode body, String role) {
        ctx.put(ROLE, role);
        if (body != null && body.isObject()) {
            String name = OperationKind.name(body);
            ctx.put(OPERATION, OperationKind.of(body) + (name == null ? "" : " " + name));
        } else if (body != null && body.isArray()) {
            ctx.put(OPERATION, "batch of " + body.size());
        }
    }

    /** Times one operation of a request; the answer is a full response body (data or errors). */
    public Future<Buffer> time(JsonNode body, Supplier<Future<Buffer>> operation) {
        long start = System.nanoTime();
        String kind = OperationKind.of(body);
        return operation.get().onComplete(r -> record(kind, start, r.succeeded() ? r.result() : null));
    }

    /** A request refused before execution (authentication, malformed body). */
    public void rejected(JsonNode body, String responseBody) {
        String kind = body != null && body.isObject() ? OperationKind.of(body) : "unknown";
        errorCounter(kind, code(responseBody)).increment();
        timer(kind, "error").record(0, TimeUnit.NANOSECONDS);
    }

    private void record(String kind, long start, Buffer answer) {
        boolean error = answer == null || startsWithErrors(answer);
        timer(kind, error ? "error" : "success").record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        if (error) {
            errorCounter(kind, answer == null ? "unexpected" : code(answer.toString(StandardCharsets.UTF_8))).increment();
        }
    }

    private static boolean startsWithErrors(Buffer answer) {
        // answers are {"data":…} (written by GraphqlRoutes) or {"errors":…} (ErrorResponses)
        return answer.length() > 3 && answer.getByte(2) == 'e';
    }

    static String code(String body) {
        if (body == null) {
            return "unexpected";
        }
        Matcher m = CODE.matcher(body);
        return m.find() ? m.group(1) : "unexpected";
    }

    private Timer timer(String kind, String outcome) {
        return timers.computeIfAbsent(kind + "/" + outcome, k -> Timer.builder("threefactor.graphql.requests")
                .description("GraphQL operations over HTTP by operation type and outcome")
                .tag("operation", kind).tag("outcome", outcome).register(registry));
    }

    private Counter errorCounter(String kind, String code) {
        return errors.computeIfAbsent(kind + "/" + code, k -> Counter.builder("threefactor.graphql.errors")
                .description("GraphQL operations answered with errors, by Hasura error code")
                .tag("operation", kind).tag("code", code).register(registry));
    }
}
