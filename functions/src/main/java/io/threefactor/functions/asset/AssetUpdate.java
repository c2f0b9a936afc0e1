package io.threefactor.functions.asset;

import io.threefactor.functions.image.ImageVariant;
import io.threefactor.functions.image.ProcessedImage;
import java.util.List;

/** A change to an {@code asset} row; null width/height/variants are left as they are, rejection_reason is always written. */
public record AssetUpdate(String status, Integer width, Integer height, List<ImageVariant> variants,
        String rejectionReason) {

    public static AssetUpdate processing() {
        return new AssetUpdate(AssetRecord.PROCESSING, null, null, null, null);
    }

    public static AssetUpdate ready(ProcessedImage image) {
        return new AssetUpdate(AssetRecord.READY, image.width(), image.height(), image.variants(), null);
    }

    public static AssetUpdate rejected(String reason) {
        return new AssetUpdate(AssetRecord.REJECTED, null, null, null, reason);
    }
}
