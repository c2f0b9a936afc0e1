package io.threefactor.functions.image;

/** One rendition's bytes, ready to store. */
public record EncodedImage(byte[] bytes, OutputFormat format, int width, int height) {
}
