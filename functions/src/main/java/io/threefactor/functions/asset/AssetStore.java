package io.threefactor.functions.asset;

import java.util.Optional;
import java.util.UUID;

/** What process-image needs from the engine; implemented over GraphQL ({@code engine.GraphQLAssetStore}). */
public interface AssetStore {

    Optional<AssetRecord> asset(UUID assetId);

    /** @return false if the asset row no longer exists */
    boolean updateAsset(UUID assetId, AssetUpdate update);
}
