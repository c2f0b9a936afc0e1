package io.threefactor.engine.project;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of a Hasura CLI project ({@code migrations/}, {@code metadata/}, {@code seeds/}), read from a
 * directory or from the classpath (where a jar cannot be listed, so an {@code index.txt} lists the files).
 */
public interface ProjectFiles {

    /** The text of a file by project-relative path ({@code metadata/version.yaml}). */
    Optional<String> read(String path);

    /** Project-relative paths of every file under a directory, sorted. */
    List<String> list(String directory);

    static ProjectFiles directory(Path root) {
        return new ProjectFiles() {
            @Override
            public Optional<String> read(String path) {
                Path file = root.resolve(path).normalize();
                if (!file.startsWith(root.normalize()) || !Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(Files.readString(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public List<String> list(String directory) {
                Path dir = root.resolve(directory);
                if (!Files.isDirectory(dir)) {
                    return List.of();
                }
                try (Stream<Path> files = Files.walk(dir)) {
                    return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                            .sorted().toList();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** Files under a classpath prefix, listed by {@code <prefix>/index.txt} (one project-relative path a line). */
    static ProjectFiles classpath(String prefix) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<String> index = new ArrayList<>();
        try (InputStream in = loader.getResourceAsStream(prefix + "/index.txt")) {
            if (in != null) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String path = line.trim();
                    if (!path.isEmpty() && !path.startsWith("#")) {
                        index.add(path.startsWith(prefix + "/") ? path.substring(prefix.length() + 1) : path);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> sorted = index.stream().sorted().toList();
        return new ProjectFiles() {
            @Override
            public Optional<String> read(String path) {
                try (InputStream in = loader.getResourceAsStream(prefix + "/" + path)) {
                    return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public List<String> list(String directory) {
                String dir = directory.endsWith("/") ? directory : directory + "/";
                return sorted.stream().filter(p -> p.startsWith(dir)).toList();
            }
        };
    }
}
