package io.threefactor.functions.image;

/** A target shape such as 16:9; images are centre-cropped to it before resizing. */
public record AspectRatio(int width, int height) {

    public AspectRatio {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("aspect ratio must be positive: " + width + ":" + height);
        }
    }

    /** Parses {@code "16:9"}. */
    public static AspectRatio parse(String text) {
        String[] parts = text.trim().split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("aspect ratio must look like 16:9, got " + text);
        }
        return new AspectRatio(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
    }

    /** The largest width × height of this shape that fits in the given image. */
    public int[] largestFit(int imageWidth, int imageHeight) {
        long byWidth = (long) imageWidth * height; // compare w/h ratios without floating point
        long byHeight = (long) imageHeight * width;
        if (byWidth > byHeight) {
            int w = Math.max(1, (int) (byHeight / height));
            return new int[] {w, imageHeight};
        }
        int h = Math.max(1, (int) (byWidth / width));
        return new int[] {imageWidth, h};
    }

    @Override
    public String toString() {
        return width + ":" + height;
    }
}
