package io.threefactor.functions.testing;

import io.threefactor.functions.storage.S3Clients;
import io.threefactor.functions.storage.StorageConfig;
import java.net.URI;
import java.util.Optional;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.services.s3.S3Client;

/** A real S3 server (s3proxy, in-memory NIO2 blob store) on a free local port, with signature auth on. */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "test-access";
    public static final String SECRET_KEY = "test-secret";

    private final S3Proxy proxy;

    public S3ProxyServer() {
        try {
            proxy = S3Proxy.builder()
                    .blobStore(new TransientNio2BlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start", e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public StorageConfig.S3 config() {
        String endpoint = endpoint();
        return new StorageConfig.S3() {
            @Override
            public Optional<String> endpoint() {
                return Optional.of(endpoint);
            }

            @Override
            public String region() {
                return "us-east-1";
            }

            @Override
            public boolean pathStyle() {
                return true;
            }

            @Override
            public Optional<String> accessKeyId() {
                return Optional.of(ACCESS_KEY);
            }

            @Override
            public Optional<String> secretAccessKey() {
                return Optional.of(SECRET_KEY);
            }
        };
    }

    /** A client with the test credentials; creates the bucket if asked. */
    public S3Client client(String... buckets) {
        S3Client client = S3Clients.create(config());
        for (String bucket : buckets) {
            client.createBucket(b -> b.bucket(bucket));
        }
        return client;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            // the JVM is ending the test anyway
        }
    }
}
