package io.threefactor.functions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.threefactor.functions.testing.FunctionsTestResource;
import io.threefactor.functions.testing.HasuraPayloads;
import io.threefactor.functions.testing.HasuraStandIn;
import io.threefactor.functions.testing.S3ProxyServer;
import io.threefactor.functions.testing.TestImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The two functions over funqy-http, called as an event trigger would call them. */
@QuarkusTest
@QuarkusTestResource(value = FunctionsTestResource.class, restrictToAnnotatedClass = true)
class FunctionsHttpTest {

    HasuraStandIn engine;
    S3ProxyServer s3;

    private final UUID coachId = UUID.randomUUID();

    @BeforeEach
    void reset() {
        engine.heal();
    }

    @Test
    void publishProgramPublishesAndAnswersARedeliveryWithANoOp() throws Exception {
        upload("coach/cover.jpg", TestImages.jpeg(1400, 900));
        upload("coach/squat.png", TestImages.png(500, 500));
        UUID programId = UUID.randomUUID();
        engine.addProgram(programId, HasuraStandIn.program(programId, "Mobility Reset",
                "<p>Daily.<script>alert(1)</script></p>",
                HasuraStandIn.assetRef(UUID.randomUUID(), "coach/cover.jpg", "image/jpeg"),
                List.of(HasuraStandIn.session(0, "Morning", null, HasuraStandIn.exercise(0, "Squat", "<p>Deep</p>",
                        HasuraStandIn.assetRef(UUID.randomUUID(), "coach/squat.png", "image/png"))))));
        UUID intentId = engine.addIntent(programId, coachId);
        String payload = HasuraPayloads.publishProgramInsert(intentId, programId, coachId, 0, 5);

        post("/publish-program", payload).statusCode(200)
                .body("intent_id", equalTo(intentId.toString()))
                .body("status", equalTo("published"))
                .body("version", equalTo(1))
                .body("no_op", equalTo(false));

        ObjectNode intent = engine.intent(intentId);
        assertEquals("published", intent.path("status").asText());
        String landingUrl = intent.path("result").path("landing_url").asText();
        HttpResponse<String> landing = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(landingUrl)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, landing.statusCode(), "the public bucket serves the landing document anonymously");
        assertTrue(landing.body().contains("\"description_html\":\"<p>Daily.</p>\""), landing.body());
        String coverUrl = intent.path("result").path("cover_url").asText();
        assertEquals(200, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(coverUrl)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());

        post("/publish-program", payload).statusCode(200)
                .body("status", equalTo("published"))
                .body("no_op", equalTo(true));
        // Every GraphQL call continues the trace of the change that raised the event (event.trace_context).
        assertFalse(engine.requests().isEmpty());
        engine.requests().forEach(r -> assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                r.traceparent(), r.operationName()));
        assertEquals(1, engine.publications().stream()
                .filter(p -> p.path("publish_program_id").asText().equals(intentId.toString())).count());
    }

    @Test
    void processImageRecordsVariantsOnTheAsset() {
        upload("coach/photo.jpg", TestImages.jpegWithComment(1000, 750, "camera serial 1234"));
        UUID assetId = engine.addAsset("coach/photo.jpg", "image/jpeg");

        post("/process-image", HasuraPayloads.assetInsert(assetId, coachId, "coach/photo.jpg", "image/jpeg", 0, 3))
                .statusCode(200)
                .body("status", equalTo("ready"))
                .body("width", equalTo(1000))
                .body("height", equalTo(750))
                .body("variants", equalTo(4)); // 320 and 640 wide (1280 would upscale), JPEG and WebP

        ObjectNode asset = engine.asset(assetId);
        assertEquals("ready", asset.path("status").asText());
        assertEquals(1000, asset.path("width").asInt());
        assertEquals(4, asset.path("variants").size());
        assertEquals(320, asset.path("variants").path(0).path("width").asInt());
        assertEquals(240, asset.path("variants").path(0).path("height").asInt());
        assertTrue(asset.path("rejection_reason").isNull());
    }

    @Test
    void processImageWaitsForAMissingUploadUntilTheLastAttemptAndSkipsSettledAssets() {
        UUID assetId = engine.addAsset("coach/not-yet.jpg", "image/jpeg");
        post("/process-image", HasuraPayloads.assetInsert(assetId, coachId, "coach/not-yet.jpg", "image/jpeg", 0, 3))
                .statusCode(503)
                .body("message", equalTo("no file in storage at coach/not-yet.jpg"));
        assertEquals("processing", engine.asset(assetId).path("status").asText());

        post("/process-image", HasuraPayloads.assetInsert(assetId, coachId, "coach/not-yet.jpg", "image/jpeg", 3, 3))
                .statusCode(200)
                .body("status", equalTo("rejected"))
                .body("rejection_reason", equalTo("could not be processed: no file in storage at coach/not-yet.jpg"));

        post("/process-image", HasuraPayloads.assetInsert(assetId, coachId, "coach/not-yet.jpg", "image/jpeg", 0, 3))
                .statusCode(200)
                .body("status", equalTo("rejected"))
                .body("no_op", equalTo(true));
    }

    @Test
    void processImageRejectsAnUploadThatIsNoImage() {
        upload("coach/evil.jpg", "<?php system($_GET['c']); ?>".getBytes(StandardCharsets.UTF_8));
        UUID assetId = engine.addAsset("coach/evil.jpg", "image/jpeg");

        post("/process-image", HasuraPayloads.assetInsert(assetId, coachId, "coach/evil.jpg", "image/jpeg", 0, 3))
                .statusCode(200)
                .body("status", equalTo("rejected"))
                .body("rejection_reason", equalTo("the file is not an image of a known type"));
        assertEquals("rejected", engine.asset(assetId).path("status").asText());
        assertEquals("the file is not an image of a known type", engine.asset(assetId).path("rejection_reason").asText());
    }

    @Test
    void badPayloadsGetAClearErrorAndNoStackTrace() {
        post("/process-image", "{}").statusCode(400)
                .body("error", equalTo("bad-payload"))
                .body("message", equalTo("the payload has no event.data.new row"));
        post("/publish-program", "this is not json").statusCode(400)
                .body("error", equalTo("bad-payload"))
                .body(not(containsString("Exception")));
        post("/publish-program", "{\"event\":{\"op\":\"INSERT\",\"data\":{\"old\":null,\"new\":{\"id\":\"42\"}}},"
                + "\"table\":{\"schema\":\"public\",\"name\":\"publish_program\"}}").statusCode(400)
                .body("message", equalTo("event.data.new.id is not a uuid: 42"));
        post("/publish-program", HasuraPayloads.assetInsert(UUID.randomUUID(), coachId, "k", "image/png", 0, 3))
                .statusCode(400)
                .body("message", equalTo("expected an event on public.publish_program, got public.asset"));
    }

    @Test
    void anUnreachableEngineAsksTheTriggerToRetry() {
        engine.breakOperation("AssetForProcessing");
        post("/process-image", HasuraPayloads.assetInsert(UUID.randomUUID(), coachId, "k.jpg", "image/jpeg", 0, 3))
                .statusCode(503)
                .body("error", equalTo("retry"))
                .body("message", containsString("AssetForProcessing: database query error"))
                .body(not(containsString("\tat ")));
    }

    @Test
    void aCallerWithoutTheSecretIsRefusedBeforeAnyFunctionRuns() {
        UUID assetId = engine.addAsset("coach/photo.jpg", "image/jpeg");
        String payload = HasuraPayloads.assetInsert(assetId, coachId, "coach/photo.jpg", "image/jpeg", 0, 3);
        given().contentType(ContentType.JSON).body(payload).when().post("/process-image").then()
                .statusCode(401)
                .contentType(ContentType.JSON)
                .body("error", equalTo("unauthorized"))
                .body("message", equalTo("missing or wrong x-threefactor-caller-secret header"));
        given().contentType(ContentType.JSON).header("X-Threefactor-Caller-Secret", "guessed").body(payload)
                .when().post("/process-image").then().statusCode(401);
        given().contentType(ContentType.JSON).header("x-threefactor-caller-secret", "").body(payload)
                .when().post("/no-such-function").then().statusCode(401);
        assertEquals("uploaded", engine.asset(assetId).path("status").asText(), "nothing ran");
        assertTrue(engine.requests().stream().noneMatch(r -> r.variables().toString().contains(assetId.toString())));
    }

    private ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).header("X-Threefactor-Caller-Secret",
                FunctionsTestResource.CALLER_SECRET).body(body).when().post(path).then()
                .contentType(ContentType.JSON);
    }

    private void upload(String key, byte[] bytes) {
        try (S3Client client = s3.client()) {
            client.putObject(b -> b.bucket("uploads").key(key), RequestBody.fromBytes(bytes));
        }
    }
}
