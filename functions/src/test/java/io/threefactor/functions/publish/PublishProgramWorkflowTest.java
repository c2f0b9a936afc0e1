package io.threefactor.functions.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.functions.engine.GraphQLEndpoint;
import io.threefactor.functions.engine.GraphQLProgramStore;
import io.threefactor.functions.event.HasuraEvent;
import io.threefactor.functions.event.RetryableException;
import io.threefactor.functions.image.AspectRatio;
import io.threefactor.functions.image.ImageDecoder;
import io.threefactor.functions.image.ImageEncoder;
import io.threefactor.functions.image.ImageLimits;
import io.threefactor.functions.image.ImageProcessor;
import io.threefactor.functions.image.ImageRenderer;
import io.threefactor.functions.image.RenditionSpec;
import io.threefactor.functions.storage.LocalDirectoryBlobStore;
import io.threefactor.functions.storage.S3BlobStore;
import io.threefactor.functions.storage.Stores;
import io.threefactor.functions.testing.HasuraPayloads;
import io.threefactor.functions.testing.HasuraStandIn;
import io.threefactor.functions.testing.S3ProxyServer;
import io.threefactor.functions.testing.TestImages;
import io.threefactor.functions.text.RichTextSanitizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The publish-program workflow for real: images through the real pipeline, uploads in a real
 * directory, the public bucket on a real S3 server, engine calls through the real GraphQL client
 * to the {@link HasuraStandIn} (until the engine serves mutations).
 */
class PublishProgramWorkflowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "service-secret";
    private static S3ProxyServer s3;
    private static S3Client s3Client;

    @TempDir
    Path uploadsDir;

    private HasuraStandIn engine;
    private GraphQLEndpoint endpoint;
    private LocalDirectoryBlobStore uploads;
    private String bucket;
    private PublishProgramWorkflow workflow;
    private final UUID coachId = UUID.randomUUID();

    @BeforeAll
    static void startS3() {
        s3 = new S3ProxyServer();
        s3Client = s3.client();
    }

    @AfterAll
    static void stopS3() {
        s3Client.close();
        s3.close();
    }

    @BeforeEach
    void setUp() {
        engine = new HasuraStandIn(SECRET);
        endpoint = new GraphQLEndpoint(engine.url(), SECRET, JSON);
        uploads = new LocalDirectoryBlobStore(uploadsDir, "");
        bucket = "public-" + UUID.randomUUID().toString().substring(0, 8);
        s3Client.createBucket(b -> b.bucket(bucket));
        Stores stores = new Stores(uploads, new S3BlobStore(s3Client, bucket, s3.endpoint() + "/" + bucket));
        ImageProcessor processor = new ImageProcessor(
                new ImageDecoder(new ImageLimits(5_000_000, 5000, 5000, 20_000_000, Set.of("jpeg", "png"))),
                new ImageRenderer(new ImageEncoder(0.8f, true)));
        ProgramImagePublisher images = new ProgramImagePublisher(stores, processor,
                new RenditionSpec(Optional.of(new AspectRatio(16, 9)), List.of(320, 640)),
                new RenditionSpec(Optional.of(new AspectRatio(4, 3)), List.of(160, 320)));
        workflow = new PublishProgramWorkflow(new GraphQLProgramStore(endpoint, endpoint, JSON), images,
                new DocumentBuilder(new RichTextSanitizer()), stores.published(), JSON);
    }

    @AfterEach
    void tearDown() {
        endpoint.close();
        engine.close();
    }

    @Test
    void publishesSanitisedDocumentsAndImagesThenIgnoresARedeliveredEvent() throws Exception {
        UUID programId = sampleProgram("<p>Four weeks.<script>alert(1)</script></p>", TestImages.png(400, 400));
        UUID intentId = engine.addIntent(programId, coachId);

        PublishOutcome outcome = workflow.run(event(intentId, programId, 0));

        assertEquals(PublishOutcome.published(intentId, 1), outcome);
        ObjectNode intent = engine.intent(intentId);
        assertEquals("published", intent.path("status").asText());
        assertTrue(intent.path("error").isNull());
        JsonNode result = intent.path("result");
        assertEquals(1, result.path("version").asInt());
        assertEquals("strength-foundations-" + programId.toString().substring(0, 8), result.path("slug").asText());
        assertEquals(2, result.path("image_count").asInt());

        ObjectNode publication = engine.publications().get(0);
        assertEquals(result.path("published_program_id").asText(), publication.path("id").asText());
        assertEquals(intentId.toString(), publication.path("publish_program_id").asText());
        JsonNode landing = publication.path("landing");
        assertEquals("threefactor.landing/1", landing.path("schema").asText());
        assertEquals("Strength Foundations", landing.path("title").asText());
        assertEquals("<p>Four weeks.</p>", landing.path("description_html").asText());
        assertEquals("Ada Strong", landing.path("coach").path("display_name").asText());
        assertEquals(List.of("Day A", "Day B"), List.of(landing.path("sessions").path(0).path("title").asText(),
                landing.path("sessions").path(1).path("title").asText()));
        assertEquals(640, landing.path("cover").path("width").asInt());
        assertEquals(360, landing.path("cover").path("height").asInt(), "cropped to 16:9");
        JsonNode exercise = publication.path("app_document").path("sessions").path(0).path("exercises").path(0);
        assertEquals("<p>Knees out.</p>", exercise.path("instructions_html").asText());
        assertEquals(320, exercise.path("image").path("width").asInt());
        assertEquals(240, exercise.path("image").path("height").asInt(), "cropped to 4:3");

        // The URLs in the documents and the result point at objects that exist.
        for (JsonNode variant : landing.path("cover").path("variants")) {
            assertTrue(objectExists(variant.path("key").asText()), variant.toString());
        }
        assertTrue(result.path("landing_url").asText().startsWith(s3.endpoint() + "/" + bucket + "/documents/"));
        assertEquals(List.of("PublishIntent", "UpdatePublishIntent", "ProgramForPublishing", "PublicationVersion",
                "SavePublication", "UpdatePublishIntent"), engine.operationNames());
        assertTrue(engine.requests().stream().allMatch(r -> SECRET.equals(r.adminSecret())));

        engine.clearRequests();
        PublishOutcome redelivered = workflow.run(event(intentId, programId, 0));
        assertTrue(redelivered.noOp());
        assertEquals(List.of("PublishIntent"), engine.operationNames(), "a published intent is not touched");
    }

    @Test
    void aRetryAfterAPartialFailureCompletesWithoutDuplicates() {
        UUID programId = sampleProgram("<p>x</p>", TestImages.jpeg(400, 400));
        UUID intentId = engine.addIntent(programId, coachId);
        engine.breakWhen(r -> "published".equals(r.variables().path("set").path("status").asText()));

        assertThrows(RetryableException.class, () -> workflow.run(event(intentId, programId, 0)));
        ObjectNode intent = engine.intent(intentId);
        assertEquals("processing", intent.path("status").asText());
        assertTrue(intent.path("error").asText().startsWith("attempt failed, will retry: UpdatePublishIntent"),
                intent.path("error").asText());
        assertEquals(1, engine.publications().size(), "the publication was written before the failure");
        int objects = objectCount();

        engine.heal();
        PublishOutcome retried = workflow.run(event(intentId, programId, 1));
        assertEquals(PublishOutcome.published(intentId, 1), retried);
        assertEquals(1, engine.publications().size(), "upserted, not duplicated");
        assertEquals(objects, objectCount(), "same content-addressed objects");
        assertTrue(engine.intent(intentId).path("error").isNull());

        UUID nextIntent = engine.addIntent(programId, coachId);
        assertEquals(2, workflow.run(event(nextIntent, programId, 0)).version());
        assertEquals(2, engine.publications().size());
        assertEquals(objects + 2, objectCount(), "a new version adds its two documents; images are shared");
    }

    @Test
    void anUnusableImageFailsTheIntentWithAReasonThatNamesIt() {
        UUID programId = sampleProgram("<p>x</p>", "<html>not an image</html>".getBytes(StandardCharsets.UTF_8));
        UUID intentId = engine.addIntent(programId, coachId);

        PublishOutcome outcome = workflow.run(event(intentId, programId, 0));

        assertEquals("failed", outcome.status());
        String error = engine.intent(intentId).path("error").asText();
        assertTrue(error.startsWith("the image of exercise 'Goblet squat' (asset "), error);
        assertTrue(error.endsWith("): the file is not an image of a known type"), error);
        assertEquals("failed", engine.intent(intentId).path("status").asText());
        assertTrue(engine.publications().isEmpty());
    }

    @Test
    void aTransientFailureOnTheLastAttemptEndsFailedInsteadOfStuck() {
        UUID programId = sampleProgram("<p>x</p>", TestImages.jpeg(100, 100));
        UUID intentId = engine.addIntent(programId, coachId);
        engine.breakOperation("ProgramForPublishing");

        PublishOutcome outcome = workflow.run(event(intentId, programId, 5));

        assertEquals("failed", outcome.status());
        assertEquals("gave up after the last retry: ProgramForPublishing: database query error "
                + "(stand-in: broken on purpose) (unexpected)", engine.intent(intentId).path("error").asText());
    }

    @Test
    void aDeletedProgramOrIntentIsHandledWithoutRetry() {
        UUID missingProgram = UUID.randomUUID();
        UUID intentId = engine.addIntent(missingProgram, coachId);
        assertEquals("program " + missingProgram + " does not exist any more",
                workflow.run(event(intentId, missingProgram, 0)).error());

        UUID missingIntent = UUID.randomUUID();
        PublishOutcome gone = workflow.run(event(missingIntent, missingProgram, 0));
        assertTrue(gone.noOp());
        assertEquals("missing", gone.status());
    }

    private UUID sampleProgram(String description, byte[] exerciseImage) {
        UUID programId = UUID.randomUUID();
        uploads.put("coach/cover.jpg", TestImages.jpeg(800, 600), "image/jpeg");
        uploads.put("coach/exercise.img", exerciseImage, "image/png");
        ObjectNode cover = HasuraStandIn.assetRef(UUID.randomUUID(), "coach/cover.jpg", "image/jpeg");
        ObjectNode image = HasuraStandIn.assetRef(UUID.randomUUID(), "coach/exercise.img", "image/png");
        engine.addProgram(programId, HasuraStandIn.program(programId, "Strength <i>Foundations</i>", description,
                cover, List.of(
                        HasuraStandIn.session(0, "Day A", "<p>Warm up</p>",
                                HasuraStandIn.exercise(0, "Goblet squat", "<p onclick=x>Knees out.</p>", image),
                                HasuraStandIn.exercise(1, "Plank", null, null)),
                        HasuraStandIn.session(1, "Day B", null))));
        return programId;
    }

    private HasuraEvent event(UUID intentId, UUID programId, int currentRetry) {
        try {
            return JSON.readValue(HasuraPayloads.publishProgramInsert(intentId, programId, coachId, currentRetry, 5),
                    HasuraEvent.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean objectExists(String key) {
        return s3Client.listObjectsV2(b -> b.bucket(bucket).prefix(key)).keyCount() == 1;
    }

    private int objectCount() {
        return s3Client.listObjectsV2(b -> b.bucket(bucket)).keyCount();
    }
}
