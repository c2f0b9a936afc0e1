package io.threefactor.functions.storage;

import java.util.Optional;

/** A flat key → bytes store (a local directory or an S3 bucket). Failures surface as {@link StorageException}. */
public interface BlobStore {

    void put(String key, byte[] bytes, String contentType);

    Optional<byte[]> get(String key);

    boolean exists(String key);

    /** Where a reader (browser, app) fetches the object. */
    String url(String key);
}
