package io.threefactor.functions.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.threefactor.functions.testing.HasuraPayloads;
import io.threefactor.functions.testing.HasuraStandIn;
import io.threefactor.functions.testing.LambdaRun;
import io.threefactor.functions.testing.LambdaTemplate;
import io.threefactor.functions.testing.S3ProxyServer;
import io.threefactor.functions.testing.TestImages;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Lambda build ({@code -Plambda}: {@code target/lambda/function.zip}) as environments/lambda/template.yaml
 * deploys it: the template names this zip, its handler is in it, and each function, run from the unzipped package
 * under AWS's runtime client with the template's memory, timeout and variables, answers the engine's webhook request
 * through its function URL with the status contract: 200 handled, 400 bad payload, 401 unknown caller, 503 retry.
 */
class LambdaArtifactIT {

    static final Path ZIP = Path.of(System.getProperty("functions.artifact", "target/lambda/function.zip"))
            .toAbsolutePath().normalize();
    static final String ADMIN_SECRET = "lambda-it-admin";
    static final String CALLER_SECRET = "lambda-it-caller-" + UUID.randomUUID();
    static final ObjectMapper JSON = new ObjectMapper();

    static HasuraStandIn engine;
    static S3ProxyServer s3;
    static Path taskRoot;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    private final UUID coachId = UUID.randomUUID();

    @BeforeAll
    static void deploy() {
        assertTrue(Files.isRegularFile(ZIP), "the Lambda build's package: " + ZIP + " (./mvnw -pl functions verify -Plambda)");
        engine = new HasuraStandIn(ADMIN_SECRET);
        s3 = new S3ProxyServer();
        try (S3Client client = s3.client("uploads", "public")) {
            // buckets created
        }
        taskRoot = LambdaRun.unzip(ZIP);
    }

    @AfterAll
    static void undeploy() {
        engine.close();
        s3.close();
    }

    @Test
    void theTemplateDeploysThisBuildsPackageWithItsHandler() throws Exception {
        LambdaTemplate template = LambdaTemplate.repository();
        List<LambdaTemplate.Function> functions = template.functions();
        assertEquals(2, functions.size());
        JsonNode generated = new ObjectMapper(new YAMLFactory()).readTree(ZIP.resolveSibling("sam.jvm.yaml").toFile());
        String builtHandler = generated.findValue("Handler").asText();
        int classVersion = classFileMajor(taskRoot);
        for (LambdaTemplate.Function f : functions) {
            assertEquals(ZIP, f.codeUri(), f.logicalId() + ": CodeUri is the zip the Lambda build writes");
            assertEquals(builtHandler, f.handler(), f.logicalId() + ": the handler the build generated");
            String handlerClass = f.handler().substring(0, f.handler().indexOf("::"));
            String classFile = handlerClass.replace('.', '/') + ".class";
            assertTrue(Files.isRegularFile(taskRoot.resolve(classFile)) || jarWith(taskRoot.resolve("lib"), classFile),
                    f.logicalId() + ": " + handlerClass + " is in the package");
            int runtime = Integer.parseInt(f.runtime().replace("java", ""));
            assertTrue(runtime + 44 >= classVersion, f.logicalId() + ": " + f.runtime() + " runs class files of version "
                    + classVersion);
            assertEquals("NONE", f.functionUrl().path("AuthType").asText(), "a function URL the engine can call");
            assertTrue(f.variables().containsKey("FUNCTIONS_WEBHOOK_SECRET"), "the caller secret is set");
        }
        assertEquals(List.of("publish-program", "process-image"), functions.stream().map(LambdaTemplate.Function::export).toList());
    }

    @Test
    void publishProgramAnswersTheWebhookThroughItsFunctionUrl() throws Exception {
        upload("coach/cover.jpg", TestImages.jpeg(1400, 900));
        UUID programId = UUID.randomUUID();
        engine.addProgram(programId, HasuraStandIn.program(programId, "Lambda Strength", "<p>Heavy.</p>",
                HasuraStandIn.assetRef(UUID.randomUUID(), "coach/cover.jpg", "image/jpeg"),
                List.of(HasuraStandIn.session(0, "Day 1", null, HasuraStandIn.exercise(0, "Deadlift", "<p>Hinge</p>", null)))));
        UUID intentId = engine.addIntent(programId, coachId);
        String payload = HasuraPayloads.publishProgramInsert(intentId, programId, coachId, 0, 5);
        try (LambdaRun lambda = start("publish-program")) {
            HttpResponse<String> published = post(lambda, payload, CALLER_SECRET);
            assertEquals(200, published.statusCode(), published.body() + "\n" + lambda.process().logText());
            JsonNode outcome = JSON.readTree(published.body());
            assertEquals("published", outcome.path("status").asText(), published.body());
            assertEquals(intentId.toString(), outcome.path("intent_id").asText());
            assertFalse(outcome.path("no_op").asBoolean());
            assertEquals("published", engine.intent(intentId).path("status").asText());
            assertEquals("application/json", published.headers().firstValue("content-type").orElse(""));

            HttpResponse<String> again = post(lambda, payload, CALLER_SECRET);
            assertEquals(200, again.statusCode());
            assertTrue(JSON.readTree(again.body()).path("no_op").asBoolean(), again.body());

            HttpResponse<String> anonymous = post(lambda, payload, null);
            assertEquals(401, anonymous.statusCode(), anonymous.body());
            assertEquals("unauthorized", JSON.readTree(anonymous.body()).path("error").asText());
            assertEquals(401, post(lambda, payload, "guessed").statusCode());

            HttpResponse<String> bad = post(lambda, "this is not json", CALLER_SECRET);
            assertEquals(400, bad.statusCode(), bad.body());
            assertEquals("bad-payload", JSON.readTree(bad.body()).path("error").asText());
            assertFalse(bad.body().contains("Exception"), bad.body());
        }
    }

    @Test
    void processImageAsksForARetryWhileTheUploadIsMissingAndProcessesItOnceThere() throws Exception {
        UUID assetId = engine.addAsset("coach/later.jpg", "image/jpeg");
        String payload = HasuraPayloads.assetInsert(assetId, coachId, "coach/later.jpg", "image/jpeg", 0, 3);
        try (LambdaRun lambda = start("process-image")) {
            HttpResponse<String> retry = post(lambda, payload, CALLER_SECRET);
            assertEquals(503, retry.statusCode(), retry.body() + "\n" + lambda.process().logText());
            assertEquals("retry", JSON.readTree(retry.body()).path("error").asText());
            assertEquals("no file in storage at coach/later.jpg", JSON.readTree(retry.body()).path("message").asText());

            upload("coach/later.jpg", TestImages.jpeg(1000, 750));
            HttpResponse<String> ready = post(lambda, payload, CALLER_SECRET);
            assertEquals(200, ready.statusCode(), ready.body());
            assertEquals("ready", JSON.readTree(ready.body()).path("status").asText(), ready.body());
            assertEquals(4, engine.asset(assetId).path("variants").size());

            HttpResponse<String> wrongTable = post(lambda,
                    HasuraPayloads.publishProgramInsert(UUID.randomUUID(), UUID.randomUUID(), coachId, 0, 3), CALLER_SECRET);
            assertEquals(400, wrongTable.statusCode(), wrongTable.body());
            assertEquals("expected an event on public.asset, got public.publish_program",
                    JSON.readTree(wrongTable.body()).path("message").asText());
        }
    }

    static LambdaRun start(String export) {
        LambdaTemplate.Function function = LambdaTemplate.repository().function(export);
        Map<String, String> deployment = Map.ofEntries(
                // What the template takes from parameters and Secrets Manager:
                Map.entry("HASURA_GRAPHQL_ENDPOINT", engine.url()),
                Map.entry("HASURA_GRAPHQL_ADMIN_SECRET", ADMIN_SECRET),
                Map.entry("FUNCTIONS_WEBHOOK_SECRET", CALLER_SECRET),
                Map.entry("THREEFACTOR_STORAGE_UPLOADS_NAME", "uploads"),
                Map.entry("THREEFACTOR_STORAGE_PUBLIC_NAME", "public"),
                Map.entry("THREEFACTOR_STORAGE_PUBLIC_BASE_URL", s3.endpoint() + "/public/"),
                Map.entry("THREEFACTOR_STORAGE_S3_REGION", "us-east-1"),
                // The local S3 server instead of AWS's (the role's credentials there):
                Map.entry("THREEFACTOR_STORAGE_S3_ENDPOINT", s3.endpoint()),
                Map.entry("THREEFACTOR_STORAGE_S3_PATH_STYLE", "true"),
                Map.entry("THREEFACTOR_STORAGE_S3_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY),
                Map.entry("THREEFACTOR_STORAGE_S3_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY));
        return LambdaRun.start(function, taskRoot, deployment,
                ZIP.resolveSibling("lambda-it").resolve(export + "-" + System.nanoTime() + ".log"));
    }

    static HttpResponse<String> post(LambdaRun lambda, String body, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(lambda.url().url()))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
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

    static boolean jarWith(Path lib, String entry) throws IOException {
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (JarFile j = new JarFile(jar.toFile())) {
                    if (j.getEntry(entry) != null) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The class file version of this application's own classes (at the package's root). */
    static int classFileMajor(Path root) throws IOException {
        try (InputStream in = Files.newInputStream(root.resolve("io/threefactor/functions/lambda/FunctionUrlAdapter.class"));
                DataInputStream d = new DataInputStream(in)) {
            d.readInt();
            d.readUnsignedShort();
            return d.readUnsignedShort();
        }
    }
}
