package io.threefactor.functions.publish;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.threefactor.functions.image.ImageVariant;
import io.threefactor.functions.image.OutputFormat;
import io.threefactor.functions.image.ProcessedImage;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** An image in a published document: {@code src} is the largest JPEG (works everywhere), variants for srcset. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PublishedImage(UUID assetId, String src, int width, int height, List<ImageVariant> variants) {

    public static PublishedImage of(UUID assetId, ProcessedImage image) {
        ImageVariant largestJpeg = image.variants().stream()
                .filter(v -> v.contentType().equals(OutputFormat.JPEG.contentType))
                .max(Comparator.comparingInt(ImageVariant::width))
                .orElseThrow(() -> new IllegalStateException("no JPEG rendition"));
        return new PublishedImage(assetId, largestJpeg.url(), largestJpeg.width(), largestJpeg.height(),
                List.copyOf(image.variants()));
    }
}
