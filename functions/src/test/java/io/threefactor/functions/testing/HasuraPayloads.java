package io.threefactor.functions.testing;

import java.util.UUID;

/** Event trigger payloads shaped exactly as Hasura sends them. */
public final class HasuraPayloads {

    private HasuraPayloads() {
    }

    public static String publishProgramInsert(UUID intentId, UUID programId, UUID coachId, int currentRetry,
            int maxRetries) {
        String row = """
                {"id":"%s","program_id":"%s","requested_by":"%s","status":"pending","result":null,"error":null,
                 "created_at":"2026-11-23T10:00:00.123456+00:00","updated_at":"2026-11-23T10:00:00.123456+00:00"}"""
                .formatted(intentId, programId, coachId);
        return payload("publish_program", "publish_program", row, coachId, currentRetry, maxRetries);
    }

    public static String assetInsert(UUID assetId, UUID coachId, String storageKey, String contentType,
            int currentRetry, int maxRetries) {
        String row = """
                {"id":"%s","coach_id":"%s","storage_key":"%s","content_type":"%s","size_bytes":1234,
                 "width":null,"height":null,"status":"uploaded","variants":[],"rejection_reason":null,
                 "created_at":"2026-11-23T10:00:00.123456+00:00","updated_at":"2026-11-23T10:00:00.123456+00:00"}"""
                .formatted(assetId, coachId, storageKey, contentType);
        return payload("process_image", "asset", row, coachId, currentRetry, maxRetries);
    }

    private static String payload(String trigger, String table, String newRow, UUID userId, int currentRetry,
            int maxRetries) {
        return """
                {
                  "event": {
                    "session_variables": {"x-hasura-role": "coach", "x-hasura-user-id": "%s"},
                    "op": "INSERT",
                    "data": {"old": null, "new": %s},
                    "trace_context": {"trace_id": "4bf92f3577b34da6a3ce929d0e0e4736", "span_id": "00f067aa0ba902b7"}
                  },
                  "created_at": "2026-11-23T10:00:00.123456Z",
                  "id": "%s",
                  "delivery_info": {"max_retries": %d, "current_retry": %d},
                  "trigger": {"name": "%s"},
                  "table": {"schema": "public", "name": "%s"}
                }""".formatted(userId, newRow, UUID.randomUUID(), maxRetries, currentRetry, trigger, table);
    }
}
