package io.threefactor.functions.asset;

import io.threefactor.functions.event.Attempts;
import io.threefactor.functions.event.HasuraEvent;
import io.threefactor.functions.event.RetryableException;
import io.threefactor.functions.image.ImageProcessor;
import io.threefactor.functions.image.ProcessedImage;
import io.threefactor.functions.image.RejectedImageException;
import io.threefactor.functions.image.RenditionSpec;
import io.threefactor.functions.storage.Stores;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * process-image: asset row → processing → validate the upload, write renditions → ready | rejected.
 * Idempotent: a settled asset (ready/rejected) is left alone; renditions are content-addressed.
 */
public final class ProcessImageWorkflow {

    private static final Logger LOG = Logger.getLogger(ProcessImageWorkflow.class);

    private final AssetStore store;
    private final Stores stores;
    private final ImageProcessor processor;
    private final RenditionSpec variants;

    public ProcessImageWorkflow(AssetStore store, Stores stores, ImageProcessor processor, RenditionSpec variants) {
        this.store = store;
        this.stores = stores;
        this.processor = processor;
        this.variants = variants;
    }

    public AssetOutcome run(HasuraEvent event) {
        event.requireTable("public", "asset");
        UUID assetId = event.newUuid("id");
        return Attempts.run(event, () -> attempt(assetId),
                e -> reject(assetId, "could not be processed: " + e.getMessage()));
    }

    private AssetOutcome attempt(UUID assetId) {
        AssetRecord asset = store.asset(assetId).orElse(null);
        if (asset == null) {
            return AssetOutcome.noOp(assetId, "missing");
        }
        if (asset.isSettled()) {
            return AssetOutcome.noOp(assetId, asset.status());
        }
        store.updateAsset(assetId, AssetUpdate.processing());
        byte[] original;
        try {
            // Absent bytes may be an upload still in flight: retryable until the last attempt.
            original = stores.uploads().get(asset.storageKey()).orElseThrow(() -> new RetryableException(
                    "no file in storage at " + asset.storageKey()));
        } catch (IllegalArgumentException e) {
            return reject(assetId, "invalid storage key: " + asset.storageKey());
        }
        try {
            ProcessedImage image = processor.process(original, variants, stores.published());
            store.updateAsset(assetId, AssetUpdate.ready(image));
            return new AssetOutcome(assetId, AssetRecord.READY, image.width(), image.height(),
                    image.variants().size(), null, false);
        } catch (RejectedImageException e) {
            return reject(assetId, e.getMessage());
        }
    }

    private AssetOutcome reject(UUID assetId, String reason) {
        store.updateAsset(assetId, AssetUpdate.rejected(reason));
        LOG.infof("asset %s rejected: %s", assetId, reason);
        return new AssetOutcome(assetId, AssetRecord.REJECTED, null, null, null, reason, false);
    }
}
