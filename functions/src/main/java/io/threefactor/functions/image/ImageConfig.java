package io.threefactor.functions.image;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Set;

/** {@code threefactor.images.*}: upload limits and the renditions to make. */
@ConfigMapping(prefix = "threefactor.images")
public interface ImageConfig {

    /** Largest accepted upload. */
    @WithDefault("20000000")
    long maxBytes();

    @WithDefault("10000")
    int maxWidth();

    @WithDefault("10000")
    int maxHeight();

    /** Decoded size is 4 bytes a pixel: 40 M pixels ≈ 160 MB of heap, at most. */
    @WithDefault("40000000")
    long maxPixels();

    @WithDefault("jpeg,png,webp,gif")
    Set<String> allowedFormats();

    @WithDefault("0.82")
    float quality();

    /** Also write WebP renditions (when the native encoder loads). */
    @WithDefault("true")
    boolean webp();

    /** Renditions of every processed upload (process-image): resized, not cropped. */
    @WithDefault("320,640,1280")
    List<Integer> variantWidths();

    /** A program's cover image in the published documents. */
    Shape cover();

    /** An exercise image in the published documents. */
    Shape exercise();

    interface Shape {
        String aspect();

        List<Integer> widths();
    }

    default ImageLimits limits() {
        return new ImageLimits(maxBytes(), maxWidth(), maxHeight(), maxPixels(), allowedFormats());
    }
}
