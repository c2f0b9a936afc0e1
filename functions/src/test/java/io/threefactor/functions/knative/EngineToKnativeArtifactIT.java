package io.threefactor.functions.knative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threefactor.functions.e2e.CoachTokens;
import io.threefactor.functions.e2e.EndToEndStack;
import io.threefactor.functions.e2e.EngineProcess;
import io.threefactor.functions.e2e.GraphQLHttp;
import io.threefactor.functions.testing.ArtifactProcess;
import io.threefactor.functions.testing.KnativeService;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The publish intent end to end on the Knative form: a coach inserts it into the real engine (child process, fresh
 * database, the coaching app), whose {@code publish_program} trigger delivers the event, with the caller secret from
 * its {@code headers}, to the packaged Knative jar at the webhook URL staging and production use
 * ({@code <service>/publish-program}); the function publishes and reports back through the engine's GraphQL API.
 */
class EngineToKnativeArtifactIT {

    static final String DRAFT_CONDITIONING = "9a0a0000-0000-4000-8000-000000000003";
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPublishIntentIsPublishedByTheKnativeArtifact() throws Exception {
        String adminSecret = "kn-e2e-admin-" + UUID.randomUUID();
        String callerSecret = "kn-e2e-caller-" + UUID.randomUUID();
        CoachTokens tokens = new CoachTokens("kn-e2e-coach-app-hs256-key-" + UUID.randomUUID());
        int enginePort = EngineProcess.freePort();
        int functionsPort = EngineProcess.freePort();
        Path storage = EndToEndStack.storageWithSeedUploads();
        Path logs = KnativeArtifactIT.APP.resolveSibling("knative-it");
        String functions = "http://127.0.0.1:" + functionsPort;
        try (EngineProcess engine = EngineProcess.create("tf_kn_e2e_", enginePort, new LinkedHashMap<>(Map.of(
                "HASURA_GRAPHQL_ADMIN_SECRET", adminSecret,
                "HASURA_GRAPHQL_JWT_SECRET", tokens.jwtSecretConfig(),
                "PUBLISH_PROGRAM_WEBHOOK_URL", functions + "/publish-program",
                "PROCESS_IMAGE_WEBHOOK_URL", functions + "/process-image",
                "FUNCTIONS_WEBHOOK_SECRET", callerSecret)), logs.resolve("engine-" + enginePort + ".log"))) {
            Map<String, String> env = new LinkedHashMap<>(Map.of(
                    "HASURA_GRAPHQL_ENDPOINT", engine.graphqlUrl(),
                    // The admin secret as staging and production give it, the calls under role functions.
                    "HASURA_GRAPHQL_ADMIN_SECRET", adminSecret,
                    "FUNCTIONS_WEBHOOK_SECRET", callerSecret,
                    "THREEFACTOR_STORAGE_KIND", "local",
                    "THREEFACTOR_STORAGE_LOCAL_ROOT", storage.toString(),
                    "QUARKUS_HTTP_PORT", Integer.toString(functionsPort),
                    "QUARKUS_HTTP_HOST", "127.0.0.1"));
            try (ArtifactProcess knative = KnativeService.start("publish-program", KnativeArtifactIT.APP, env, logs.resolve("functions-" + functionsPort + ".log"))) {
                knative.awaitPort(functionsPort, Duration.ofSeconds(60));
                engine.jvmOptions(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"))
                        .start(Duration.ofSeconds(90));
                GraphQLHttp graphql = new GraphQLHttp(engine.graphqlUrl());
                String ada = tokens.coach(CoachTokens.ADA);
                String intentId = graphql.data(GraphQLHttp.bearer(ada), """
                        mutation Publish($program: uuid!) {
                          insert_publish_program_one(object: {program_id: $program}) { id }
                        }""", Map.of("program", DRAFT_CONDITIONING)).at("/insert_publish_program_one/id").asText();

                JsonNode intent = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < deadline) {
                    intent = graphql.data(GraphQLHttp.bearer(ada), """
                            query ($id: uuid!) { publish_program_by_pk(id: $id) { status result error } }""",
                            Map.of("id", intentId)).path("publish_program_by_pk");
                    String status = intent.path("status").asText();
                    if (status.equals("published") || status.equals("failed")) {
                        break;
                    }
                    Thread.sleep(200);
                }
                assertEquals("published", intent.path("status").asText(), intent + "\ninvocations: "
                        + invocations(engine) + "\n" + knative.logText());
                JsonNode result = intent.path("result");
                String landing = result.path("landing_url").asText();
                assertTrue(landing.startsWith("file:"), result.toString());
                assertTrue(Files.isRegularFile(Path.of(URI.create(landing))), "the landing document: " + landing);

                try (Connection db = engine.jdbc(); PreparedStatement q = db.prepareStatement("""
                        select i.status, i.request::text from hdb_catalog.event_log e
                        join hdb_catalog.event_invocation_logs i on i.event_id = e.id
                        where e.trigger_name = 'publish_program' and e.payload -> 'data' -> 'new' ->> 'id' = ?""")) {
                    q.setString(1, intentId);
                    try (ResultSet rs = q.executeQuery()) {
                        if (!rs.next()) {
                            fail("no invocation logged");
                        }
                        assertEquals(200, rs.getInt(1), "delivered and answered 200 by the Knative artifact");
                        JsonNode request = JSON.readTree(rs.getString(2));
                        assertTrue(request.toString().contains("FUNCTIONS_WEBHOOK_SECRET"),
                                "the caller secret header came from the environment: " + request);
                        assertFalse(request.toString().contains(callerSecret), "the log names the variable, not the secret");
                        assertFalse(rs.next(), "exactly one invocation");
                    }
                }
            }
        }
    }

    static String invocations(EngineProcess engine) {
        try (Connection db = engine.jdbc(); PreparedStatement q = db.prepareStatement(
                "select status, response::text from hdb_catalog.event_invocation_logs order by created_at");
                ResultSet rs = q.executeQuery()) {
            StringBuilder out = new StringBuilder();
            while (rs.next()) {
                out.append(rs.getInt(1)).append(' ').append(rs.getString(2)).append('\n');
            }
            return out.toString();
        } catch (Exception e) {
            return e.toString();
        }
    }
}
