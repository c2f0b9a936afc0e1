package io.threefactor.engine.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The traces of the writes that caused a refresh: each write's {@code hasura.tracecontext} (set by the engine's
 * mutations, from the request's trace) comes with its change notification, so the refresh and the pushes it makes
 * are a span of the trace that started with the app's request — through event, function and the function's own
 * GraphQL write. The first write's trace is the parent; the others are links.
 */
final class ChangeTrace {

    static final ChangeTrace NONE = new ChangeTrace(List.of());
    /** More writes per refresh than this are not linked one by one. */
    static final int MAX_TRACES = 16;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");

    private final List<SpanContext> writes;

    private ChangeTrace(List<SpanContext> writes) {
        this.writes = writes;
    }

    /** From the notifications' trace contexts (Hasura's {@code {"trace_id","span_id","sampling_state"}}). */
    static ChangeTrace of(Collection<String> traceContexts) {
        List<SpanContext> writes = new ArrayList<>();
        for (String text : traceContexts) {
            SpanContext context = parse(text);
            if (context != null && writes.size() < MAX_TRACES) {
                writes.add(context);
            }
        }
        return writes.isEmpty() ? NONE : new ChangeTrace(List.copyOf(writes));
    }

    /** Both writes' traces, for a refresh that serves changes of two windows. */
    ChangeTrace and(ChangeTrace other) {
        if (other.writes.isEmpty()) {
            return this;
        }
        if (writes.isEmpty()) {
            return other;
        }
        List<SpanContext> both = new ArrayList<>(writes);
        other.writes.stream().filter(w -> !both.contains(w)).limit(MAX_TRACES - both.size()).forEach(both::add);
        return new ChangeTrace(List.copyOf(both));
    }

    /** A started span for a refresh of these writes, or an invalid (no-op) span when they carry no trace. */
    Span start(Tracer tracer, String name) {
        if (writes.isEmpty() || tracer == null) {
            return Span.getInvalid();
        }
        SpanBuilder span = tracer.spanBuilder(name).setSpanKind(SpanKind.INTERNAL)
                .setParent(Context.root().with(Span.wrap(writes.get(0))));
        writes.stream().skip(1).forEach(span::addLink);
        return span.startSpan();
    }

    private static SpanContext parse(String text) {
        try {
            JsonNode trace = JSON.readTree(text);
            String traceId = trace.path("trace_id").asText();
            String spanId = trace.path("span_id").asText();
            if (!TRACE_ID.matcher(traceId).matches() || !SPAN_ID.matcher(spanId).matches()) {
                return null;
            }
            boolean sampled = !"0".equals(trace.path("sampling_state").asText("1"));
            return SpanContext.createFromRemoteParent(traceId, spanId,
                    sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
        } catch (Exception e) {
            return null;
        }
    }
}
