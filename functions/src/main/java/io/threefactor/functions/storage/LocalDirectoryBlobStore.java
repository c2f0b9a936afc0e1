package io.threefactor.functions.storage;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** Objects as files under a root directory; the default for local development. */
public final class LocalDirectoryBlobStore implements BlobStore {

    private final Path root;
    private final String baseUrl;

    /** @param baseUrl prefix for {@link #url}; blank means {@code file:} URLs */
    public LocalDirectoryBlobStore(Path root, String baseUrl) {
        this.root = root.toAbsolutePath().normalize();
        this.baseUrl = baseUrl == null || baseUrl.isBlank() ? this.root.toUri().toString() : withSlash(baseUrl);
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        Path target = resolve(key);
        try {
            Files.createDirectories(target.getParent());
            // Write aside, then rename: readers never see half a file.
            Path temp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            Files.write(temp, bytes);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new StorageException("cannot write " + key + " under " + root, e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(Files.readAllBytes(resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("cannot read " + key + " under " + root, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public String url(String key) {
        return baseUrl + BlobKeys.requireSafe(key);
    }

    private Path resolve(String key) {
        return root.resolve(BlobKeys.requireSafe(key)).normalize();
    }

    static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}
