package io.threefactor.functions.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.threefactor.functions.e2e.GraphQLSocket.Message;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, end to end, with nothing stood in: what the coach app does, against the real engine (JWT mode, the
 * coaching app's schema, metadata, permissions and event triggers) and the real functions (this application,
 * called by the engine's event delivery), with local storage.
 *
 * <p>The app signs in (a coach JWT), subscribes over {@code graphql-transport-ws}, inserts the
 * {@code publish_program} intent with {@code insert_publish_program_one}; the {@code publish_program} event trigger
 * delivers the insert to {@code /publish-program}, which sets the row to {@code processing}, publishes, and sets it to
 * {@code published} through the engine's GraphQL; the subscription pushes each change.
 */
@QuarkusTest
@QuarkusTestResource(value = EndToEndStack.class, restrictToAnnotatedClass = true)
class PublishProgramEndToEndTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(45);

    /** Ada's seeded programs: Strength Foundations (cover + 3 exercise images) and a draft without images. */
    static final String STRENGTH_FOUNDATIONS = "9a0a0000-0000-4000-8000-000000000001";
    static final String DRAFT_CONDITIONING = "9a0a0000-0000-4000-8000-000000000003";

    static final String LATEST_INTENT = """
            subscription LatestIntent($program: uuid!) {
              publish_program(where: {program_id: {_eq: $program}}, order_by: {created_at: desc}, limit: 1) {
                id status result error
              }
            }""";
    static final String INTENT_BY_PK = """
            subscription Intent($id: uuid!) {
              publish_program_by_pk(id: $id) { status result error }
            }""";
    static final String PUBLISH = """
            mutation Publish($program: uuid!) {
              insert_publish_program_one(object: {program_id: $program}) { id status requested_by }
            }""";

    EndToEndStack.Stack stack;

    @Test
    void aCoachPublishesAProgramAndWatchesItBecomePublished() throws Exception {
        String ada = stack.tokens().coach(CoachTokens.ADA);
        try (GraphQLSocket app = GraphQLSocket.connect(stack.engine().websocketUri(), GraphQLHttp.bearer(ada))) {
            assertEquals("graphql-transport-ws", app.subprotocol());
            // Subscribed before the insert, so every state the row goes through can be pushed.
            app.subscribe("latest", LATEST_INTENT, Map.of("program", STRENGTH_FOUNDATIONS));
            assertEquals(0, data(next(app, "latest")).path("publish_program").size(), "no intent yet");

            long sent = System.nanoTime();
            JsonNode inserted = stack.graphql().data(GraphQLHttp.bearer(ada), PUBLISH,
                    Map.of("program", STRENGTH_FOUNDATIONS)).get("insert_publish_program_one");
            String intentId = inserted.get("id").asText();
            assertEquals("pending", inserted.get("status").asText());
            assertEquals(CoachTokens.ADA, inserted.get("requested_by").asText(), "requested_by is preset from the JWT");
            // The same row by primary key, as the app shows it once it knows the id.
            app.subscribe("intent", INTENT_BY_PK, Map.of("id", intentId));

            List<String> seen = new ArrayList<>();
            JsonNode last = collect(app, "latest", seen, sent,
                    d -> d.path("publish_program").path(0).path("id").asText().equals(intentId),
                    d -> d.path("publish_program").get(0));
            System.out.println("[e2e] publish_program " + intentId + " pushed to the coach: " + String.join(" → ", seen));
            assertEquals("published", last.path("status").asText(), "ended as " + last);
            int processing = indexOfStatus(seen, "processing");
            assertTrue(processing >= 0, "processing was pushed: " + seen);
            assertTrue(processing < indexOfStatus(seen, "published"), "processing before published: " + seen);
            assertFalse(seen.stream().anyMatch(s -> s.startsWith("failed")), "never failed: " + seen);

            List<String> byPk = new ArrayList<>();
            JsonNode final_ = collect(app, "intent", byPk, sent, d -> !d.path("publish_program_by_pk").isNull(),
                    d -> d.path("publish_program_by_pk"));
            System.out.println("[e2e] publish_program_by_pk pushed: " + String.join(" → ", byPk));
            assertEquals("published", final_.path("status").asText());
            assertEquals(last.path("result"), final_.path("result"));
            assertTrue(final_.path("error").isNull(), "no error: " + final_);

            JsonNode result = final_.path("result");
            assertEquals(1, result.path("version").asInt(), result.toString());
            assertEquals(4, result.path("image_count").asInt(), "cover + 3 exercise images: " + result);
            String slug = result.path("slug").asText();
            assertTrue(slug.startsWith("strength-foundations"), slug);

            // The documents are in the public bucket, at the URLs the result names.
            JsonNode landing = JSON.readTree(file(result.path("landing_url").asText()).toFile());
            assertEquals("Strength Foundations", landing.path("title").asText(), landing.toString());
            JsonNode app_ = JSON.readTree(file(result.path("app_document_url").asText()).toFile());
            assertEquals(slug, app_.path("slug").asText());
            assertEquals(2, app_.path("sessions").size(), app_.toString());
            assertFalse(app_.toString().contains("<script"), "sanitised");
            // Every image variant exists, is an image of the size it claims.
            List<JsonNode> images = new ArrayList<>();
            images.add(app_.path("cover"));
            app_.path("sessions").forEach(s -> s.path("exercises").forEach(e -> {
                if (!e.path("image").isNull()) {
                    images.add(e.path("image"));
                }
            }));
            assertEquals(4, images.size(), app_.toString());
            int variants = 0;
            for (JsonNode image : images) {
                assertTrue(Files.isRegularFile(file(image.path("src").asText())), image.toString());
                for (JsonNode v : image.path("variants")) {
                    Path f = stack.publicBucket().resolve(v.path("key").asText());
                    assertTrue(Files.isRegularFile(f), "variant file " + f);
                    assertEquals(v.path("size_bytes").asLong(), Files.size(f), f.toString());
                    if (v.path("content_type").asText().equals("image/jpeg")) {
                        BufferedImage decoded = ImageIO.read(f.toFile());
                        assertNotNull(decoded, f.toString());
                        assertEquals(v.path("width").asInt(), decoded.getWidth(), f.toString());
                        assertEquals(v.path("height").asInt(), decoded.getHeight(), f.toString());
                    }
                    variants++;
                }
            }
            assertTrue(variants >= 8, "at least a JPEG and a WebP per image: " + variants);
            double cover = app_.path("cover").path("width").asDouble() / app_.path("cover").path("height").asDouble();
            assertEquals(16.0 / 9.0, cover, 0.02, "cover cropped to 16:9");

            // The publication row, as the coach reads it through the engine.
            JsonNode publications = stack.graphql().data(GraphQLHttp.bearer(ada), """
                    query ($intent: uuid!) {
                      published_program(where: {publish_program_id: {_eq: $intent}}) {
                        id slug version landing app_document program { title }
                      }
                    }""", Map.of("intent", intentId)).path("published_program");
            assertEquals(1, publications.size(), publications.toString());
            assertEquals(slug, publications.path(0).path("slug").asText());
            assertEquals(result.path("published_program_id").asText(), publications.path(0).path("id").asText());
            assertEquals(landing, publications.path(0).path("landing"));
            assertEquals(app_, publications.path(0).path("app_document"));

            // One delivery, answered 200: the function reported through GraphQL, not by failing the webhook.
            try (Connection db = stack.engine().jdbc(); PreparedStatement q = db.prepareStatement("""
                    select e.delivered, e.error, e.tries, i.status
                    from hdb_catalog.event_log e join hdb_catalog.event_invocation_logs i on i.event_id = e.id
                    where e.trigger_name = 'publish_program' and e.payload -> 'data' -> 'new' ->> 'id' = ?""")) {
                q.setString(1, intentId);
                try (ResultSet rs = q.executeQuery()) {
                    assertTrue(rs.next(), "an invocation was logged");
                    assertTrue(rs.getBoolean(1), "delivered");
                    assertFalse(rs.getBoolean(2), "no error");
                    assertEquals(1, rs.getInt(3));
                    assertEquals(200, rs.getInt(4));
                    assertFalse(rs.next(), "exactly one invocation");
                }
            }
        }
    }

    @Test
    void anotherCoachCanNeitherPublishNorSeeTheProgram() {
        String ada = stack.tokens().coach(CoachTokens.ADA);
        String ben = stack.tokens().coach(CoachTokens.BEN);

        JsonNode refused = stack.graphql().post(GraphQLHttp.bearer(ben), PUBLISH, Map.of("program", DRAFT_CONDITIONING));
        assertTrue(refused.path("data").isMissingNode() || refused.path("data").isNull(), refused.toString());
        assertEquals("permission-error", refused.at("/errors/0/extensions/code").asText(), refused.toString());
        assertEquals("check constraint of an insert/update permission has failed",
                refused.at("/errors/0/message").asText());

        String intentId = stack.graphql().data(GraphQLHttp.bearer(ada), PUBLISH, Map.of("program", DRAFT_CONDITIONING))
                .at("/insert_publish_program_one/id").asText();
        try (GraphQLSocket adaApp = GraphQLSocket.connect(stack.engine().websocketUri(), GraphQLHttp.bearer(ada));
                GraphQLSocket benApp = GraphQLSocket.connect(stack.engine().websocketUri(), GraphQLHttp.bearer(ben))) {
            benApp.subscribe("spy", INTENT_BY_PK, Map.of("id", intentId));
            assertTrue(data(next(benApp, "spy")).path("publish_program_by_pk").isNull(), "Ben sees no such intent");
            adaApp.subscribe("intent", INTENT_BY_PK, Map.of("id", intentId));
            JsonNode done = collect(adaApp, "intent", new ArrayList<>(), System.nanoTime(),
                    d -> !d.path("publish_program_by_pk").isNull(), d -> d.path("publish_program_by_pk"));
            assertEquals("published", done.path("status").asText(), done.toString());

            // Ben's subscription never pushes Ada's row (it is refetched, but its result, null, does not change).
            Message leaked = benApp.next("spy", Duration.ofMillis(500));
            assertTrue(leaked == null || leaked.data().path("publish_program_by_pk").isNull(), String.valueOf(leaked));
        }
        JsonNode benReads = stack.graphql().data(GraphQLHttp.bearer(ben), """
                query ($id: uuid!, $program: uuid!) {
                  publish_program_by_pk(id: $id) { id }
                  program_by_pk(id: $program) { id }
                  published_program(where: {program_id: {_eq: $program}}) { id }
                }""", Map.of("id", intentId, "program", DRAFT_CONDITIONING));
        assertTrue(benReads.path("publish_program_by_pk").isNull(), benReads.toString());
        assertTrue(benReads.path("program_by_pk").isNull(), benReads.toString());
        assertEquals(0, benReads.path("published_program").size(), benReads.toString());
        JsonNode adaReads = stack.graphql().data(GraphQLHttp.bearer(ada), """
                query ($program: uuid!) { published_program(where: {program_id: {_eq: $program}}) { id } }""",
                Map.of("program", DRAFT_CONDITIONING));
        assertEquals(1, adaReads.path("published_program").size(), "Ada sees her publication: " + adaReads);
    }

    @Test
    void aFunctionFailureEndsInFailedWithAReasonOnTheSameSubscription() throws Exception {
        String ada = stack.tokens().coach(CoachTokens.ADA);
        // A "photo" that is not an image, uploaded and registered the way the app does it.
        EndToEndStack.write(stack.uploads().resolve("e2e/not-a-photo.jpg"), "this is a text file, not a JPEG");
        JsonNode created = stack.graphql().data(GraphQLHttp.bearer(ada), """
                mutation {
                  insert_asset_one(object: {storage_key: "e2e/not-a-photo.jpg", content_type: "image/jpeg", size_bytes: 31}) {
                    id
                  }
                }""", null);
        String assetId = created.at("/insert_asset_one/id").asText();
        String programId = stack.graphql().data(GraphQLHttp.bearer(ada), """
                mutation ($cover: uuid!) {
                  insert_program_one(object: {title: "Broken Cover", description: "<p>Oops</p>", cover_asset_id: $cover}) { id }
                }""", Map.of("cover", assetId)).at("/insert_program_one/id").asText();

        try (GraphQLSocket app = GraphQLSocket.connect(stack.engine().websocketUri(), GraphQLHttp.bearer(ada))) {
            app.subscribe("latest", LATEST_INTENT, Map.of("program", programId));
            assertEquals(0, data(next(app, "latest")).path("publish_program").size());
            long sent = System.nanoTime();
            String intentId = stack.graphql().data(GraphQLHttp.bearer(ada), PUBLISH, Map.of("program", programId))
                    .at("/insert_publish_program_one/id").asText();
            List<String> seen = new ArrayList<>();
            JsonNode last = collect(app, "latest", seen, sent,
                    d -> d.path("publish_program").path(0).path("id").asText().equals(intentId),
                    d -> d.path("publish_program").get(0));
            System.out.println("[e2e] failing publish " + intentId + " pushed: " + String.join(" → ", seen));
            assertEquals("failed", last.path("status").asText(), last.toString());
            assertTrue(last.path("result").isNull(), last.toString());
            String error = last.path("error").asText();
            assertTrue(error.startsWith("the cover image (asset " + assetId + "): "), error);
            assertTrue(error.contains("not an image"), error);
            // A failure this fast can land within one change-coalescing window: the live query then pushes only the
            // last state (as Hasura's multiplexed queries do). Whatever is pushed comes in order.
            List<String> order = List.of("pending", "processing", "failed");
            int previous = -1;
            for (String s : seen) {
                int at = order.indexOf(s.replaceAll("@.*$", ""));
                assertTrue(at > previous, "pending → processing → failed, in order: " + seen);
                previous = at;
            }

            // process-image (the asset insert's own trigger) rejected the upload as well.
            app.subscribe("asset", """
                    subscription ($id: uuid!) { asset_by_pk(id: $id) { status rejection_reason variants } }""",
                    Map.of("id", assetId));
            JsonNode asset = collect(app, "asset", new ArrayList<>(), sent,
                    d -> true, d -> d.path("asset_by_pk"));
            assertEquals("rejected", asset.path("status").asText(), asset.toString());
            assertTrue(asset.path("rejection_reason").asText().contains("not an image"), asset.toString());
            assertEquals(0, asset.path("variants").size());
        }
    }

    @Test
    void anUploadedImageIsProcessedInTheBackground() throws Exception {
        String ada = stack.tokens().coach(CoachTokens.ADA);
        Files.createDirectories(stack.uploads().resolve("e2e"));
        Files.copy(stack.uploads().resolve("seed/squat.jpg"), stack.uploads().resolve("e2e/squat-again.jpg"));
        try (GraphQLSocket app = GraphQLSocket.connect(stack.engine().websocketUri(), GraphQLHttp.bearer(ada))) {
            long sent = System.nanoTime();
            String assetId = stack.graphql().data(GraphQLHttp.bearer(ada), """
                    mutation {
                      insert_asset_one(object: {storage_key: "e2e/squat-again.jpg", content_type: "image/jpeg", size_bytes: 8965}) {
                        id
                      }
                    }""", null).at("/insert_asset_one/id").asText();
            app.subscribe("asset", """
                    subscription ($id: uuid!) { asset_by_pk(id: $id) { status width height variants rejection_reason } }""",
                    Map.of("id", assetId));
            List<String> seen = new ArrayList<>();
            JsonNode asset = collect(app, "asset", seen, sent, d -> true, d -> d.path("asset_by_pk"));
            System.out.println("[e2e] asset " + assetId + " pushed: " + String.join(" → ", seen));
            assertEquals("ready", asset.path("status").asText(), asset.toString());
            assertTrue(asset.path("width").asInt() > 0 && asset.path("height").asInt() > 0, asset.toString());
            assertTrue(asset.path("variants").size() >= 2, asset.toString());
            for (JsonNode v : asset.path("variants")) {
                Path f = stack.publicBucket().resolve(v.path("key").asText());
                assertTrue(Files.isRegularFile(f), "variant " + v);
                assertEquals(v.path("size_bytes").asLong(), Files.size(f));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Reads {@code next} messages of subscription {@code id} until {@code row(data)} is in a final state
     * ({@code published}, {@code failed}, {@code ready}, {@code rejected}), recording each pushed status with the
     * milliseconds since {@code sentNanos}; rows that {@code mine} does not accept are recorded as {@code -}.
     */
    static JsonNode collect(GraphQLSocket app, String id, List<String> seen, long sentNanos,
            Predicate<JsonNode> mine, java.util.function.Function<JsonNode, JsonNode> row) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Message m = app.next(id, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (m == null) {
                break;
            }
            JsonNode d = data(m);
            long ms = (m.receivedNanos() - sentNanos) / 1_000_000;
            if (!mine.test(d)) {
                seen.add("-@" + ms + "ms");
                continue;
            }
            JsonNode r = row.apply(d);
            String status = r.path("status").asText();
            seen.add(status + "@" + ms + "ms");
            if (List.of("published", "failed", "ready", "rejected").contains(status)) {
                return r;
            }
        }
        fail("subscription " + id + " did not reach a final state within " + WAIT + "; pushes: " + seen
                + "; socket " + app.closeReason());
        return null;
    }

    static Message next(GraphQLSocket app, String id) {
        Message m = app.next(id, Duration.ofSeconds(15));
        assertNotNull(m, "no message on subscription " + id);
        return m;
    }

    static JsonNode data(Message m) {
        if (!m.type().equals("next") || m.payload().has("errors")) {
            fail("expected data, got " + m.type() + " " + m.payload());
        }
        return m.data();
    }

    static int indexOfStatus(List<String> seen, String status) {
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i).equals(status) || seen.get(i).startsWith(status + "@")) {
                return i;
            }
        }
        return -1;
    }

    Path file(String url) {
        URI uri = URI.create(url);
        assertEquals("file", uri.getScheme(), "local storage serves file: URLs: " + url);
        Path p = Path.of(uri);
        assertTrue(p.startsWith(stack.publicBucket()), p + " in the public bucket");
        assertTrue(Files.isRegularFile(p), "exists: " + p);
        return p;
    }
}
