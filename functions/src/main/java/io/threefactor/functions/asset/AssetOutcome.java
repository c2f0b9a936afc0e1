package io.threefactor.functions.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;

/** The process-image function's HTTP response (the authoritative state is the asset row). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssetOutcome(
        @JsonProperty("asset_id") UUID assetId,
        String status,
        Integer width,
        Integer height,
        Integer variants,
        @JsonProperty("rejection_reason") String rejectionReason,
        @JsonProperty("no_op") boolean noOp) {

    static AssetOutcome noOp(UUID assetId, String status) {
        return new AssetOutcome(assetId, status, null, null, null, null, true);
    }
}
