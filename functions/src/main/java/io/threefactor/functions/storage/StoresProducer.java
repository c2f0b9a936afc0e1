package io.threefactor.functions.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds the configured stores once. */
@ApplicationScoped
public class StoresProducer {

    private S3Client s3;

    @Produces
    @Singleton
    Stores stores(StorageConfig config) {
        return switch (config.kind()) {
            case local -> new Stores(local(config, config.uploads()), local(config, config.published()));
            case s3 -> new Stores(s3(config, config.uploads()), s3(config, config.published()));
        };
    }

    void close(@Disposes Stores stores) {
        if (s3 != null) {
            s3.close();
        }
    }

    private static BlobStore local(StorageConfig config, StorageConfig.Bucket bucket) {
        return new LocalDirectoryBlobStore(Path.of(config.local().root(), bucket.name()), bucket.baseUrl().orElse(""));
    }

    private BlobStore s3(StorageConfig config, StorageConfig.Bucket bucket) {
        if (s3 == null) {
            s3 = S3Clients.create(config.s3());
        }
        String baseUrl = bucket.baseUrl().orElseGet(() -> S3Clients.defaultBaseUrl(config.s3(), bucket.name()));
        return new S3BlobStore(s3, bucket.name(), baseUrl,
                bucket.acl().map(ObjectCannedACL::fromValue).orElse(null));
    }
}
