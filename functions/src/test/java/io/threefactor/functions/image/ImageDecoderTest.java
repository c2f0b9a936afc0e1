package io.threefactor.functions.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.threefactor.functions.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

    private final ImageDecoder decoder = new ImageDecoder(
            new ImageLimits(2_000_000, 4000, 4000, 4_000_000, Set.of("jpeg", "png", "webp", "gif")));

    @Test
    void decodesRealJpegAndPngAndSniffsTheFormatFromTheBytes() {
        DecodedImage jpeg = decoder.decode(TestImages.jpeg(300, 200));
        assertEquals("jpeg", jpeg.format());
        assertEquals(300, jpeg.width());
        assertEquals(200, jpeg.height());
        assertEquals("png", decoder.decode(TestImages.png(50, 40)).format());
    }

    @Test
    void appliesTheExifOrientationOfPhonePhotos() {
        // Stored 40×20, red left, blue right; orientation 6 = rotate 90° clockwise: 20×40, red on top.
        DecodedImage rotated = decoder.decode(TestImages.jpegWithOrientation(40, 20, 6));
        assertEquals(20, rotated.width());
        assertEquals(40, rotated.height());
        assertTrue(isRed(rotated.pixels().getRGB(10, 5)), "top is red");
        assertTrue(isBlue(rotated.pixels().getRGB(10, 35)), "bottom is blue");

        DecodedImage counter = decoder.decode(TestImages.jpegWithOrientation(40, 20, 8));
        assertEquals(20, counter.width());
        assertTrue(isBlue(counter.pixels().getRGB(10, 5)), "counter-clockwise: blue on top");

        DecodedImage mirrored = decoder.decode(TestImages.jpegWithOrientation(40, 20, 2));
        assertEquals(40, mirrored.width());
        assertTrue(isBlue(mirrored.pixels().getRGB(5, 10)), "mirrored: blue on the left");

        DecodedImage normal = decoder.decode(TestImages.jpegWithOrientation(40, 20, 1));
        assertTrue(isRed(normal.pixels().getRGB(5, 10)));
    }

    private static boolean isRed(int rgb) {
        return ((rgb >> 16) & 0xFF) > 200 && (rgb & 0xFF) < 60;
    }

    private static boolean isBlue(int rgb) {
        return (rgb & 0xFF) > 200 && ((rgb >> 16) & 0xFF) < 60;
    }

    @Test
    void rejectsBytesThatAreNoImage() {
        RejectedImageException e = assertThrows(RejectedImageException.class,
                () -> decoder.decode("<html>hello</html>".getBytes(StandardCharsets.UTF_8)));
        assertEquals("the file is not an image of a known type", e.getMessage());
        assertEquals("the file is empty", assertThrows(RejectedImageException.class,
                () -> decoder.decode(new byte[0])).getMessage());
    }

    @Test
    void rejectsTypesNotAllowed() {
        RejectedImageException e = assertThrows(RejectedImageException.class,
                () -> decoder.decode(TestImages.bmp(20, 20)));
        assertTrue(e.getMessage().startsWith("images of type bmp are not accepted"), e.getMessage());
    }

    @Test
    void rejectsADecompressionBombFromItsHeaderBeforeDecoding() {
        byte[] bomb = TestImages.pngClaiming(30_000, 30_000);
        assertTrue(bomb.length < 2_000, "the bomb itself is tiny");
        RejectedImageException e = assertThrows(RejectedImageException.class, () -> decoder.decode(bomb));
        assertEquals("the image is 30000×30000 pixels; the limit is 4000×4000", e.getMessage());

        ImageDecoder lowPixelLimit = new ImageDecoder(new ImageLimits(2_000_000, 4000, 4000, 1_000_000, Set.of("png")));
        RejectedImageException pixels = assertThrows(RejectedImageException.class,
                () -> lowPixelLimit.decode(TestImages.pngClaiming(2000, 2000)));
        assertEquals("the image has 4000000 pixels; the limit is 1000000", pixels.getMessage());
    }

    @Test
    void rejectsTruncatedAndOversizedFiles() {
        byte[] png = TestImages.png(200, 200);
        RejectedImageException truncated = assertThrows(RejectedImageException.class,
                () -> decoder.decode(Arrays.copyOf(png, png.length / 3)));
        assertEquals("the image data is corrupt or truncated", truncated.getMessage());

        ImageDecoder small = new ImageDecoder(new ImageLimits(100, 4000, 4000, 4_000_000, Set.of("jpeg")));
        assertTrue(assertThrows(RejectedImageException.class, () -> small.decode(TestImages.jpeg(50, 50)))
                .getMessage().endsWith("bytes; the limit is 100"));
    }
}
