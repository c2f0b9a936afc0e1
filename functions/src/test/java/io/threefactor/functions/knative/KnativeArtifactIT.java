package io.threefactor.functions.knative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.threefactor.functions.e2e.EngineProcess;
import io.threefactor.functions.testing.ArtifactProcess;
import io.threefactor.functions.testing.HasuraPayloads;
import io.threefactor.functions.testing.HasuraStandIn;
import io.threefactor.functions.testing.KnativeService;
import io.threefactor.functions.testing.S3ProxyServer;
import io.threefactor.functions.testing.TestImages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Knative build ({@code -Pknative}: {@code target/knative/quarkus-app}) is what the functions image copies and
 * what the Knative Services run, and the packaged jar, started as the Service's container starts it, answers a
 * binary-mode CloudEvent with the function its {@code ce-type} names, keeps the status contract (200, 400, 401,
 * 503) and still serves the plain {@code POST /<function>} the event triggers' webhooks use.
 */
class KnativeArtifactIT {

    static final Path APP = Path.of(System.getProperty("functions.artifact", "target/knative/quarkus-app"))
            .toAbsolutePath().normalize();
    static final String ADMIN_SECRET = "knative-it-admin";
    static final String CALLER_SECRET = "knative-it-caller-" + UUID.randomUUID();
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static HasuraStandIn engine;
    static S3ProxyServer s3;
    static ArtifactProcess functions;
    static int port;
    private final UUID coachId = UUID.randomUUID();

    @BeforeAll
    static void deploy() {
        assertTrue(Files.isRegularFile(APP.resolve("quarkus-run.jar")), "the Knative build: " + APP);
        engine = new HasuraStandIn(ADMIN_SECRET);
        s3 = new S3ProxyServer();
        try (S3Client client = s3.client("uploads", "public")) {
            // buckets created
        }
        port = EngineProcess.freePort();
        Map<String, String> env = new LinkedHashMap<>(Map.of(
                "HASURA_GRAPHQL_ENDPOINT", engine.url(),
                "HASURA_GRAPHQL_ADMIN_SECRET", ADMIN_SECRET,
                "FUNCTIONS_WEBHOOK_SECRET", CALLER_SECRET,
                "THREEFACTOR_STORAGE_KIND", "s3",
                "THREEFACTOR_STORAGE_S3_ENDPOINT", s3.endpoint(),
                "THREEFACTOR_STORAGE_S3_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                "THREEFACTOR_STORAGE_S3_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY,
                "THREEFACTOR_STORAGE_PUBLIC_ACL", "public-read",
                "QUARKUS_HTTP_PORT", Integer.toString(port),
                "QUARKUS_HTTP_HOST", "127.0.0.1"));
        functions = KnativeService.start("publish-program", APP, env,
                APP.resolveSibling("knative-it").resolve("functions-" + port + ".log"));
        functions.awaitPort(port, Duration.ofSeconds(60));
    }

    @AfterAll
    static void undeploy() {
        if (functions != null) {
            functions.close();
        }
        engine.close();
        s3.close();
    }

    @Test
    void theImageCopiesThisBuildAndTheServicesRunThatImage() throws IOException {
        Path repo = KnativeService.repository();
        String dockerfile = Files.readString(repo.resolve("environments/docker/functions.Dockerfile"));
        Matcher copy = Pattern.compile("(?m)^COPY\\s+(?:--\\S+\\s+)*(\\S+)\\s+\\S+$").matcher(dockerfile);
        List<String> sources = new ArrayList<>();
        while (copy.find()) {
            sources.add(copy.group(1));
        }
        assertFalse(sources.isEmpty(), "COPY lines in functions.Dockerfile");
        for (String source : sources) {
            assertTrue(source.startsWith("functions/target/knative/quarkus-app/"), "copies the Knative build: " + source);
            String inApp = source.substring("functions/target/knative/quarkus-app/".length());
            if (inApp.contains("*")) {
                try (Stream<Path> files = Files.list(APP)) {
                    assertTrue(files.anyMatch(p -> p.getFileName().toString().endsWith(".jar")), source);
                }
            } else {
                assertTrue(Files.exists(APP.resolve(inApp)), source + " is in the build output");
            }
        }
        try (Stream<Path> lib = Files.list(APP.resolve("lib/main"))) {
            assertTrue(lib.anyMatch(p -> p.getFileName().toString().startsWith("io.quarkus.quarkus-funqy-knative-events-")),
                    "the image's jar is the funqy-knative-events build");
        }
        Matcher tag = Pattern.compile("-t (\\S+):<version>").matcher(dockerfile);
        assertTrue(tag.find(), "the Dockerfile names the image it builds");
        for (String service : List.of("publish-program", "process-image")) {
            JsonNode c = KnativeService.container(service);
            String image = c.path("image").asText();
            for (String environment : List.of("staging", "production")) {
                JsonNode kustomization = YAML.readTree(repo.resolve("environments/" + environment + "/kustomization.yaml").toFile());
                JsonNode mapped = null;
                for (JsonNode i : kustomization.path("images")) {
                    if (i.path("name").asText().equals(image)) {
                        mapped = i;
                    }
                }
                assertTrue(mapped != null && mapped.path("newName").asText().equals(tag.group(1)), environment + ": "
                        + service + " runs " + image + ", the image functions.Dockerfile builds (" + tag.group(1) + ")");
            }
            assertEquals(8080, c.path("ports").path(0).path("containerPort").asInt(), "quarkus.http.port's default");
        }
    }

    @Test
    void aBinaryModeCloudEventReachesTheFunctionItsTypeNames() throws Exception {
        upload("coach/cover.jpg", TestImages.jpeg(1400, 900));
        UUID programId = UUID.randomUUID();
        engine.addProgram(programId, HasuraStandIn.program(programId, "Knative Conditioning", "<p>Run.</p>",
                HasuraStandIn.assetRef(UUID.randomUUID(), "coach/cover.jpg", "image/jpeg"),
                List.of(HasuraStandIn.session(0, "Day 1", null, HasuraStandIn.exercise(0, "Sprint", "<p>Fast</p>", null)))));
        UUID intentId = engine.addIntent(programId, coachId);
        String payload = HasuraPayloads.publishProgramInsert(intentId, programId, coachId, 0, 5);

        HttpResponse<String> published = cloudEvent("publish-program", payload, CALLER_SECRET);
        assertEquals(200, published.statusCode(), published.body() + "\n" + functions.logText());
        assertEquals("published", JSON.readTree(published.body()).path("status").asText(), published.body());
        assertEquals("published", engine.intent(intentId).path("status").asText());
        assertTrue(published.headers().firstValue("ce-id").isPresent(), "answered as a CloudEvent: " + published.headers());

        // The plain webhook path of the same image: what the event triggers call.
        HttpResponse<String> plain = post("/publish-program", Map.of(), payload, CALLER_SECRET);
        assertEquals(200, plain.statusCode(), plain.body());
        assertTrue(JSON.readTree(plain.body()).path("no_op").asBoolean(), plain.body());

        upload("coach/photo.jpg", TestImages.jpeg(1000, 750));
        UUID assetId = engine.addAsset("coach/photo.jpg", "image/jpeg");
        HttpResponse<String> ready = cloudEvent("process-image",
                HasuraPayloads.assetInsert(assetId, coachId, "coach/photo.jpg", "image/jpeg", 0, 3), CALLER_SECRET);
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("ready", JSON.readTree(ready.body()).path("status").asText(), ready.body());
    }

    @Test
    void cloudEventsKeepTheStatusContract() throws Exception {
        UUID assetId = engine.addAsset("coach/not-yet.jpg", "image/jpeg");
        String payload = HasuraPayloads.assetInsert(assetId, coachId, "coach/not-yet.jpg", "image/jpeg", 0, 3);

        HttpResponse<String> anonymous = cloudEvent("process-image", payload, null);
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertEquals("unauthorized", JSON.readTree(anonymous.body()).path("error").asText());
        assertEquals(401, cloudEvent("process-image", payload, CALLER_SECRET + "x").statusCode());
        assertEquals("uploaded", engine.asset(assetId).path("status").asText(), "a refused call changes nothing");

        HttpResponse<String> retry = cloudEvent("process-image", payload, CALLER_SECRET);
        assertEquals(503, retry.statusCode(), retry.body());
        assertEquals("retry", JSON.readTree(retry.body()).path("error").asText());

        HttpResponse<String> bad = cloudEvent("publish-program", "{}", CALLER_SECRET);
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("bad-payload", JSON.readTree(bad.body()).path("error").asText());
        assertFalse(bad.body().contains("Exception"), bad.body());
    }

    HttpResponse<String> cloudEvent(String type, String data, String secret) throws Exception {
        return post("/", Map.of("ce-specversion", "1.0", "ce-type", type, "ce-source", "/threefactor/engine/events",
                "ce-id", UUID.randomUUID().toString()), data, secret);
    }

    HttpResponse<String> post(String path, Map<String, String> headers, String body, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        if (secret != null) {
            request.header("X-Threefactor-Caller-Secret", secret);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void upload(String key, byte[] bytes) {
        try (S3Client client = s3.client()) {
            client.putObject(b -> b.bucket("uploads").key(key), RequestBody.fromBytes(bytes));
        }
    }
}
