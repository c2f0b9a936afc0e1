package io.threefactor.functions.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.threefactor.functions.testing.S3ProxyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;

/** Against a real S3 server (s3proxy) with signed requests. */
class S3BlobStoreTest extends BlobStoreContract {

    private static S3ProxyServer server;
    private static S3Client client;

    @BeforeAll
    static void start() {
        server = new S3ProxyServer();
        client = server.client("contract", "public-site");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Override
    BlobStore store() {
        return new S3BlobStore(client, "contract", server.endpoint() + "/contract");
    }

    @Test
    void objectsInAPublicReadBucketAreServedAtTheirUrlToAnonymousReaders() throws Exception {
        S3BlobStore store = new S3BlobStore(client, "public-site", server.endpoint() + "/public-site/",
                ObjectCannedACL.PUBLIC_READ);
        store.put("documents/landing.json", "{\"ok\":true}".getBytes(), "application/json");

        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(store.url("documents/landing.json"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("{\"ok\":true}", response.body());
        assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
    }
}
