package io.threefactor.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ResourceIndexTest {

    @Test
    void indexListsExactlyTheModuleDirectoriesAndEveryEntryLoads() throws IOException {
        List<String> expected;
        try (Stream<Path> files = Stream.of("migrations", "metadata", "seeds")
                .map(Path::of)
                .flatMap(ResourceIndexTest::walk)) {
            expected = files.filter(Files::isRegularFile)
                    .map(path -> AppResources.ROOT + path.toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
        assertEquals(expected, AppResources.index(), "index.txt is stale: run the build from a clean target");
        for (String path : AppResources.index()) {
            assertTrue(AppResources.exists(path), path);
        }
    }

    @Test
    void seedImagesAreRealSmallImages() {
        List<String> images = AppResources.under("seeds/images/");
        assertTrue(images.size() >= 4, "seed images: " + images);
        for (String path : images) {
            byte[] bytes = AppResources.readBytes(path);
            assertTrue(bytes.length > 1_000 && bytes.length < 64_000, path + " is " + bytes.length + " bytes");
            assertTrue(isJpeg(bytes) || isPng(bytes), path + " is neither JPEG nor PNG");
        }
    }

    private static boolean isJpeg(byte[] b) {
        return (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8;
    }

    private static boolean isPng(byte[] b) {
        return (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
    }

    private static Stream<Path> walk(Path directory) {
        try {
            return Files.walk(directory);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
