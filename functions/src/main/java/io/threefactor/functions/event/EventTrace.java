package io.threefactor.functions.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Carries the trace of the change that raised an event into the function's own GraphQL calls, so the engine's
 * spans for them (and the events and subscription pushes they cause) join the same trace: Hasura puts the
 * mutation's trace under {@code event.trace_context} ({@code {"trace_id","span_id","sampling_state"}}); here it
 * becomes a W3C {@code traceparent} for the calls made while the function handles that event (one thread).
 */
public final class EventTrace {

    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private EventTrace() {
    }

    /** Runs {@code work} with the event's trace as the current one. */
    public static <T> T within(HasuraEvent event, Supplier<T> work) {
        String previous = CURRENT.get();
        CURRENT.set(traceparent(event).orElse(null));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** The {@code traceparent} for calls made now, if the event being handled carries a trace. */
    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** {@code 00-<trace_id>-<span_id>-<01|00>} from the payload's trace context; empty when absent or malformed. */
    public static Optional<String> traceparent(HasuraEvent event) {
        JsonNode context = event == null || event.event() == null ? null : event.event().traceContext();
        if (context == null || !context.isObject()) {
            return Optional.empty();
        }
        String traceId = context.path("trace_id").asText("").toLowerCase(Locale.ROOT);
        String spanId = context.path("span_id").asText("").toLowerCase(Locale.ROOT);
        if (!TRACE_ID.matcher(traceId).matches() || !SPAN_ID.matcher(spanId).matches()) {
            return Optional.empty();
        }
        boolean sampled = !"0".equals(context.path("sampling_state").asText("1"));
        return Optional.of("00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00"));
    }
}
