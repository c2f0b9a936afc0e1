package io.threefactor.functions.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Validates and decodes uploaded bytes: the format is sniffed from the bytes, never taken from a file name or header. */
public final class ImageDecoder {

    static {
        ImagePlugins.ensureLoaded();
    }

    private final ImageLimits limits;

    public ImageDecoder(ImageLimits limits) {
        this.limits = limits;
    }

    public DecodedImage decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new RejectedImageException("the file is empty");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new RejectedImageException("the file is " + bytes.length + " bytes; the limit is " + limits.maxBytes());
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new RejectedImageException("the file is not an image of a known type");
            }
            ImageReader reader = readers.next();
            try {
                String format = normalise(reader.getFormatName());
                if (!limits.allowedFormats().contains(format)) {
                    throw new RejectedImageException("images of type " + format + " are not accepted; allowed: "
                            + String.join(", ", limits.allowedFormats().stream().sorted().toList()));
                }
                reader.setInput(in, true, true);
                checkDimensions(reader.getWidth(0), reader.getHeight(0));
                BufferedImage pixels = reader.read(0);
                if (format.equals("jpeg")) {
                    pixels = ExifOrientation.apply(pixels, ExifOrientation.of(bytes));
                }
                return new DecodedImage(pixels, format);
            } finally {
                reader.dispose();
            }
        } catch (RejectedImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders throw anything from IIOException to ArrayIndexOutOfBounds on broken data.
            throw new RejectedImageException("the image data is corrupt or truncated", e);
        }
    }

    private void checkDimensions(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new RejectedImageException("the image has no pixels");
        }
        if (width > limits.maxWidth() || height > limits.maxHeight()) {
            throw new RejectedImageException("the image is " + width + "×" + height + " pixels; the limit is "
                    + limits.maxWidth() + "×" + limits.maxHeight());
        }
        if ((long) width * height > limits.maxPixels()) {
            throw new RejectedImageException("the image has " + (long) width * height + " pixels; the limit is "
                    + limits.maxPixels());
        }
    }

    static String normalise(String formatName) {
        String name = formatName.toLowerCase(Locale.ROOT);
        return name.equals("jpg") ? "jpeg" : name;
    }
}
