package io.threefactor.functions.image;

import java.util.Set;

/**
 * What an upload may be. Width, height and pixel count are checked from the header, before
 * any pixel is decoded, so a tiny file claiming 50000×50000 pixels (a decompression bomb)
 * never allocates its raster.
 */
public record ImageLimits(long maxBytes, int maxWidth, int maxHeight, long maxPixels, Set<String> allowedFormats) {
}
