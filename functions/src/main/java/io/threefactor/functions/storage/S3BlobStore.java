package io.threefactor.functions.storage;

import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Objects in one S3 bucket (AWS, or any S3-compatible server). */
public final class S3BlobStore implements BlobStore {

    private final S3Client s3;
    private final String bucket;
    private final String baseUrl;
    private final ObjectCannedACL acl;

    public S3BlobStore(S3Client s3, String bucket, String baseUrl) {
        this(s3, bucket, baseUrl, null);
    }

    /**
     * @param baseUrl public prefix for {@link #url}, e.g. a CDN or {@code https://host/bucket/}
     * @param acl canned ACL for new objects (e.g. public-read where the server uses ACLs), or null to send none
     *     (AWS buckets with ACLs disabled are made public by bucket policy or CDN instead)
     */
    public S3BlobStore(S3Client s3, String bucket, String baseUrl, ObjectCannedACL acl) {
        this.s3 = s3;
        this.bucket = bucket;
        this.baseUrl = LocalDirectoryBlobStore.withSlash(baseUrl);
        this.acl = acl;
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(BlobKeys.requireSafe(key)).contentType(contentType).acl(acl),
                    RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw new StorageException("cannot write s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(BlobKeys.requireSafe(key))).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new StorageException("cannot read s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(BlobKeys.requireSafe(key)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new StorageException("cannot stat s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new StorageException("cannot stat s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String url(String key) {
        return baseUrl + BlobKeys.requireSafe(key);
    }
}
