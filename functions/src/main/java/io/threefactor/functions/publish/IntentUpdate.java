package io.threefactor.functions.publish;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A change to a {@code publish_program} row: result and error are always written (null clears),
 * status only when not null.
 */
public record IntentUpdate(String status, JsonNode result, String error) {

    public static IntentUpdate processing() {
        return new IntentUpdate(PublishIntent.PROCESSING, null, null);
    }

    public static IntentUpdate published(JsonNode result) {
        return new IntentUpdate(PublishIntent.PUBLISHED, result, null);
    }

    public static IntentUpdate failed(String reason) {
        return new IntentUpdate(PublishIntent.FAILED, null, reason);
    }

    /** Still processing; tells the watching app why it takes longer. */
    public static IntentUpdate retrying(String reason) {
        return new IntentUpdate(null, null, reason);
    }
}
