package io.threefactor.triggers.delivery;

import io.vertx.core.json.JsonObject;

import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An event this instance holds a lease on. {@code storedEvent} is the {@code payload} column: the {@code event} part of
 * Hasura's payload ({@code op}, {@code data}, {@code session_variables}, {@code trace_context}).
 */
public record ClaimedEvent(String id, long seq, String schemaName, String tableName, String triggerName,
        JsonObject storedEvent, int tries, LocalDateTime createdAt, String orderingKey) {

    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");

    /**
     * The W3C {@code traceparent} of the change that raised the event, from its {@code trace_context}, so the
     * receiver's work joins that trace; empty when the change carried none.
     */
    public Optional<String> traceparent() {
        Object context = storedEvent.getValue("trace_context");
        if (!(context instanceof JsonObject trace)) {
            return Optional.empty();
        }
        String traceId = String.valueOf(trace.getValue("trace_id")).toLowerCase(Locale.ROOT);
        String spanId = String.valueOf(trace.getValue("span_id")).toLowerCase(Locale.ROOT);
        if (!TRACE_ID.matcher(traceId).matches() || !SPAN_ID.matcher(spanId).matches()) {
            return Optional.empty();
        }
        boolean sampled = !"0".equals(String.valueOf(trace.getValue("sampling_state", "1")));
        return Optional.of("00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00"));
    }
}
