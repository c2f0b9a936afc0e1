package io.threefactor.functions.image;

import java.awt.image.BufferedImage;

/** Decoded pixels and the format the bytes really had ({@code jpeg}, {@code png}, {@code webp}, {@code gif}). */
public record DecodedImage(BufferedImage pixels, String format) {

    public int width() {
        return pixels.getWidth();
    }

    public int height() {
        return pixels.getHeight();
    }
}
