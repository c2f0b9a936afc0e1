package io.threefactor.functions.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.geometry.Positions;

/** Crops to the spec's shape, resizes to each width that does not upscale, encodes in every output format. */
public final class ImageRenderer {

    private final ImageEncoder encoder;

    public ImageRenderer(ImageEncoder encoder) {
        this.encoder = encoder;
    }

    public List<EncodedImage> render(DecodedImage image, RenditionSpec spec) {
        int[] box = spec.aspect()
                .map(aspect -> aspect.largestFit(image.width(), image.height()))
                .orElse(new int[] {image.width(), image.height()});
        List<EncodedImage> renditions = new ArrayList<>();
        for (int width : targetWidths(spec.widths(), box[0])) {
            int height = Math.max(1, (int) Math.round((double) box[1] * width / box[0]));
            BufferedImage resized = resize(image.pixels(), width, height, spec.aspect().isPresent());
            for (OutputFormat format : encoder.formats()) {
                renditions.add(new EncodedImage(encoder.encode(resized, format), format,
                        resized.getWidth(), resized.getHeight()));
            }
        }
        return renditions;
    }

    /** The requested widths up to the source width; a source narrower than all of them is kept at its own width. */
    static List<Integer> targetWidths(List<Integer> requested, int sourceWidth) {
        List<Integer> widths = requested.stream().filter(w -> w <= sourceWidth).toList();
        return widths.isEmpty() ? List.of(sourceWidth) : widths;
    }

    private static BufferedImage resize(BufferedImage source, int width, int height, boolean crop) {
        try {
            Thumbnails.Builder<BufferedImage> builder = Thumbnails.of(source).size(width, height);
            if (crop) {
                builder.crop(Positions.CENTER);
            } else {
                builder.keepAspectRatio(false);
            }
            return builder.asBufferedImage();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resize", e);
        }
    }
}
