package io.threefactor.functions.image;

import java.util.List;
import java.util.Optional;

/** What to make of an image: an optional crop shape and the widths to resize to (never upscaled). */
public record RenditionSpec(Optional<AspectRatio> aspect, List<Integer> widths) {

    public RenditionSpec {
        if (widths.isEmpty() || widths.stream().anyMatch(w -> w <= 0)) {
            throw new IllegalArgumentException("rendition widths must be positive: " + widths);
        }
        widths = widths.stream().sorted().distinct().toList();
    }
}
