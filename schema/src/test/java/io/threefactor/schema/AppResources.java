package io.threefactor.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads the packaged app resources the way the engine does: through index.txt on the classpath. */
final class AppResources {

    static final String ROOT = "threefactor/app/";

    private AppResources() {
    }

    static List<String> index() {
        return readString(ROOT + "index.txt").lines().filter(line -> !line.isBlank()).toList();
    }

    static String readString(String path) {
        return new String(readBytes(path), StandardCharsets.UTF_8);
    }

    static byte[] readBytes(String path) {
        try (InputStream in = AppResources.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no classpath resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean exists(String path) {
        return AppResources.class.getClassLoader().getResource(path) != null;
    }

    /** Paths under a directory of the index, e.g. "migrations/default/". */
    static List<String> under(String directory) {
        return index().stream().filter(path -> path.startsWith(ROOT + directory)).toList();
    }
}
