package io.threefactor.functions.image;

import java.util.List;

/** The outcome of processing one original: its real size and format, and the stored renditions. */
public record ProcessedImage(int width, int height, String sourceFormat, List<ImageVariant> variants) {
}
