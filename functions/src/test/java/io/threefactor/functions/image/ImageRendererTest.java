package io.threefactor.functions.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.threefactor.functions.storage.LocalDirectoryBlobStore;
import io.threefactor.functions.testing.TestImages;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageRendererTest {

    private static final ImageEncoder ENCODER = new ImageEncoder(0.8f, true);
    private final ImageRenderer renderer = new ImageRenderer(ENCODER);
    private final ImageDecoder decoder = new ImageDecoder(new ImageLimits(10_000_000, 5000, 5000, 20_000_000,
            Set.of("jpeg", "png", "webp")));

    @Test
    void writesWebpBesidesJpegOnThisPlatform() {
        assertEquals(List.of(OutputFormat.JPEG, OutputFormat.WEBP), ENCODER.formats());
    }

    @Test
    void cropsToTheAspectAndResizesToEachWidthWithoutUpscaling() {
        DecodedImage square = decoder.decode(TestImages.jpeg(480, 480));
        List<EncodedImage> renditions = renderer.render(square,
                new RenditionSpec(Optional.of(new AspectRatio(16, 9)), List.of(320, 640, 1280)));
        // 480 wide source: 320 and (480 is the largest fit) → only 320; 640/1280 would upscale.
        assertEquals(List.of(320, 320), renditions.stream().map(EncodedImage::width).toList());
        for (EncodedImage rendition : renditions) {
            assertEquals(180, rendition.height());
            BufferedImage decoded = decodeAny(rendition);
            assertEquals(320, decoded.getWidth());
            assertEquals(180, decoded.getHeight());
        }
    }

    @Test
    void keepsTheSourceWidthWhenItIsNarrowerThanEveryTarget() {
        DecodedImage small = decoder.decode(TestImages.png(100, 50));
        List<EncodedImage> renditions = renderer.render(small, new RenditionSpec(Optional.empty(), List.of(320)));
        assertEquals(100, renditions.get(0).width());
        assertEquals(50, renditions.get(0).height());
    }

    @Test
    void dropsSourceMetadataAndFlattensAlpha() {
        byte[] tagged = TestImages.jpegWithComment(400, 300, "GPS 52.5200N 13.4050E secret");
        assertTrue(new String(tagged, StandardCharsets.ISO_8859_1).contains("secret"));
        for (EncodedImage rendition : renderer.render(decoder.decode(tagged),
                new RenditionSpec(Optional.empty(), List.of(200)))) {
            assertFalse(new String(rendition.bytes(), StandardCharsets.ISO_8859_1).contains("secret"),
                    rendition.format() + " kept the comment");
        }
        EncodedImage fromPng = renderer.render(decoder.decode(TestImages.png(64, 64)),
                new RenditionSpec(Optional.empty(), List.of(64))).get(0);
        assertEquals(OutputFormat.JPEG, fromPng.format());
        assertEquals(0xFF, fromPng.bytes()[0] & 0xFF);
    }

    @Test
    void storesUnderContentAddressedKeysOnceOnly(@TempDir Path dir) throws Exception {
        ImageProcessor processor = new ImageProcessor(decoder, renderer);
        LocalDirectoryBlobStore store = new LocalDirectoryBlobStore(dir, "https://cdn.example/");
        byte[] original = TestImages.jpeg(800, 600);
        RenditionSpec spec = new RenditionSpec(Optional.of(new AspectRatio(4, 3)), List.of(320, 640));

        ProcessedImage first = processor.process(original, spec, store);
        assertEquals(800, first.width());
        assertEquals("jpeg", first.sourceFormat());
        assertEquals(4, first.variants().size());
        for (ImageVariant variant : first.variants()) {
            assertTrue(variant.key().matches("images/[0-9a-f]{64}\\.(jpg|webp)"), variant.key());
            assertEquals("https://cdn.example/" + variant.key(), variant.url());
            byte[] stored = store.get(variant.key()).orElseThrow();
            assertEquals(variant.sizeBytes(), stored.length);
            assertEquals(variant.key().substring(7, 71), io.threefactor.functions.storage.BlobKeys.sha256(stored));
        }
        long modified = lastModifiedSum(dir);
        ProcessedImage again = processor.process(original, spec, store);
        assertEquals(first, again, "deterministic renditions, same keys");
        assertEquals(modified, lastModifiedSum(dir), "nothing rewritten");
        assertArrayEquals(store.get(first.variants().get(0).key()).orElseThrow(),
                store.get(again.variants().get(0).key()).orElseThrow());
    }

    private static long lastModifiedSum(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().lastModified() + 1).sum();
        }
    }

    private BufferedImage decodeAny(EncodedImage rendition) {
        return decoder.decode(rendition.bytes()).pixels();
    }
}
