package io.threefactor.triggers.delivery;

import io.vertx.core.json.JsonObject;

import java.time.LocalDateTime;

/**
 * An event this instance holds a lease on. {@code storedEvent} is the {@code payload} column: the {@code event} part of
 * Hasura's payload ({@code op}, {@code data}, {@code session_variables}, {@code trace_context}).
 */
public record ClaimedEvent(String id, long seq, String schemaName, String tableName, String triggerName,
        JsonObject storedEvent, int tries, LocalDateTime createdAt, String orderingKey) {
}
