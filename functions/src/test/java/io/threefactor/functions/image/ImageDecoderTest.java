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
