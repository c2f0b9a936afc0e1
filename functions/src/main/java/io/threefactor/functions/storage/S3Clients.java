package io.threefactor.functions.storage;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** S3 client construction, shared with tests. */
public final class S3Clients {

    private S3Clients() {
    }

    public static S3Client create(StorageConfig.S3 config) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyle());
        config.endpoint().map(URI::create).ifPresent(builder::endpointOverride);
        if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKeyId().get(), config.secretAccessKey().get())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        return builder.build();
    }

    /** Path-style URL on the endpoint, or the bucket's virtual host on AWS. */
    static String defaultBaseUrl(StorageConfig.S3 config, String bucket) {
        return config.endpoint()
                .map(endpoint -> LocalDirectoryBlobStore.withSlash(endpoint) + bucket + "/")
                .orElse("https://" + bucket + ".s3." + config.region() + ".amazonaws.com/");
    }
}
