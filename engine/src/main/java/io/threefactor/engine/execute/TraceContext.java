package io.threefactor.engine.execute;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Locale;

/**
 * The trace context a mutation hands to its events, in the form the capture trigger reads from
 * {@code hasura.tracecontext} and puts under the payload's {@code event.trace_context} (Hasura's):
 * {@code {"trace_id":"<32 hex>","span_id":"<16 hex>","sampling_state":"1|0"}}. Taken from the request's W3C
 * {@code traceparent} header, else from B3 ({@code X-B3-TraceId}/{@code X-B3-SpanId}/{@code X-B3-Sampled}), as
 * Hasura accepts; null when the request carries none or a malformed one.
 */
public final class TraceContext {

    private static final Pattern TRACEPARENT = Pattern.compile("^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");
    private static final Pattern HEX = Pattern.compile("^[0-9a-f]+$");

    private TraceContext() { }

    /**
     * The current OpenTelemetry span's context (the HTTP request's server span when tracing is on), or null when
     * there is none (tracing off: {@code quarkus.otel.sdk.disabled=true}, the local default).
     */
    public static String current() {
        SpanContext c = Span.current().getSpanContext();
        return c.isValid() ? json(c.getTraceId(), c.getSpanId(), c.isSampled()) : null;
    }

    /** The current span's trace id, or null. */
    public static String currentTraceId() {
        SpanContext c = Span.current().getSpanContext();
        return c.isValid() ? c.getTraceId() : null;
    }

    /** The current span's context, else the request's {@code traceparent}/B3 headers; null if neither. */
    public static String current(Function<String, String> header) {
        String span = current();
        return span != null ? span : fromHeaders(header);
    }

    /** The JSON for {@code set_config('hasura.tracecontext', …, true)}, or null. */
    public static String fromHeaders(Function<String, String> header) {
        String traceparent = header.apply("traceparent");
        if (traceparent != null) {
            Matcher m = TRACEPARENT.matcher(traceparent.trim().toLowerCase(Locale.ROOT));
            if (m.matches() && !m.group(1).equals("ff") && !isZero(m.group(2)) && !isZero(m.group(3))) {
                boolean sampled = (Integer.parseInt(m.group(4), 16) & 1) == 1;
                return json(m.group(2), m.group(3), sampled);
            }
            return null;
        }
        String traceId = lower(header.apply("x-b3-traceid"));
        String spanId = lower(header.apply("x-b3-spanid"));
        if (traceId != null && spanId != null && (traceId.length() == 16 || traceId.length() == 32)
                && spanId.length() == 16 && HEX.matcher(traceId).matches() && HEX.matcher(spanId).matches()
                && !isZero(traceId) && !isZero(spanId)) {
            String sampled = header.apply("x-b3-sampled");
            return json(traceId.length() == 16 ? "0000000000000000" + traceId : traceId, spanId,
                    sampled == null || sampled.equals("1") || sampled.equalsIgnoreCase("true"));
        }
        return null;
    }

    private static String json(String traceId, String spanId, boolean sampled) {
        return "{\"trace_id\":\"" + traceId + "\",\"span_id\":\"" + spanId + "\",\"sampling_state\":\""
                + (sampled ? "1" : "0") + "\"}";
    }

    private static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isZero(String hex) {
        for (int i = 0; i < hex.length(); i++) {
            if (hex.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
