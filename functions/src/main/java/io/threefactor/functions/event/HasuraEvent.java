package io.threefactor.functions.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;

/**
 * The body Hasura (and the threefactor triggers module) POSTs to an event trigger webhook:
 * {@code {"event":{"session_variables","op","data":{"old","new"},"trace_context"},"id","created_at","trigger":{"name"},"table":{..},"delivery_info":{..}}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HasuraEvent(
        Event event,
        String id,
        @JsonProperty("created_at") String createdAt,
        Trigger trigger,
        Table table,
        @JsonProperty("delivery_info") DeliveryInfo deliveryInfo) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Event(
            @JsonProperty("session_variables") Map<String, String> sessionVariables,
            String op,
            Data data,
            @JsonProperty("trace_context") JsonNode traceContext) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(@JsonProperty("old") JsonNode oldRow, @JsonProperty("new") JsonNode newRow) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Trigger(String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Table(String schema, String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DeliveryInfo(
            @JsonProperty("max_retries") int maxRetries,
            @JsonProperty("current_retry") int currentRetry) {
    }

    /** The row after the change; INSERT, UPDATE and MANUAL events carry one. */
    public JsonNode newRow() {
        if (event == null || event.data() == null || event.data().newRow() == null
                || !event.data().newRow().isObject()) {
            throw new BadEventException("the payload has no event.data.new row");
        }
        return event.data().newRow();
    }

    /** A uuid column of the new row. */
    public UUID newUuid(String column) {
        JsonNode value = newRow().path(column);
        if (!value.isTextual()) {
            throw new BadEventException("event.data.new." + column + " is missing");
        }
        try {
            return UUID.fromString(value.asText());
        } catch (IllegalArgumentException e) {
            throw new BadEventException("event.data.new." + column + " is not a uuid: " + value.asText());
        }
    }

    /** The table the event came from must be the one a function handles. */
    public void requireTable(String schema, String name) {
        if (table != null && (!schema.equals(table.schema()) || !name.equals(table.name()))) {
            throw new BadEventException("expected an event on " + schema + "." + name + ", got "
                    + table.schema() + "." + table.name());
        }
    }

    /**
     * Whether the deliverer will not try again after this attempt. Without delivery_info
     * (a manual call), there is no retry to wait for.
     */
    public boolean isLastAttempt() {
        return deliveryInfo == null || deliveryInfo.currentRetry() >= deliveryInfo.maxRetries();
    }
}
