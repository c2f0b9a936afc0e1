package io.threefactor.functions.publish;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;

/** The publish-program function's HTTP response (the authoritative state is the intent row). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublishOutcome(
        @JsonProperty("intent_id") UUID intentId,
        String status,
        Integer version,
        String error,
        @JsonProperty("no_op") boolean noOp) {

    static PublishOutcome published(UUID intentId, int version) {
        return new PublishOutcome(intentId, PublishIntent.PUBLISHED, version, null, false);
    }

    static PublishOutcome failed(UUID intentId, String reason) {
        return new PublishOutcome(intentId, PublishIntent.FAILED, null, reason, false);
    }

    /** Nothing to do: already published, or the intent is gone. */
    static PublishOutcome noOp(UUID intentId, String status) {
        return new PublishOutcome(intentId, status, null, null, true);
    }
}
