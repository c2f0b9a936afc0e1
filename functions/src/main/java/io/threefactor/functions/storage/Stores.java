package io.threefactor.functions.storage;

/** The two buckets the functions use: coaches' uploads (read) and the public bucket (written). */
public record Stores(BlobStore uploads, BlobStore published) {
}
