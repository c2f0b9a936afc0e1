package io.threefactor.functions.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import io.threefactor.functions.asset.AssetRecord;
import io.threefactor.functions.asset.AssetUpdate;
import io.threefactor.functions.image.ImageVariant;
import io.threefactor.functions.image.ProcessedImage;
import io.threefactor.functions.publish.IntentUpdate;
import io.threefactor.functions.publish.ProgramSource;
import io.threefactor.functions.publish.Publication;
import io.threefactor.functions.testing.HasuraStandIn;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The GraphQL stores against the {@link HasuraStandIn} (real HTTP, real SmallRye client): the
 * documents, variables and headers sent, and how answers and errors are read.
 */
class GraphQLStoresTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HasuraStandIn engine = new HasuraStandIn("secret");
    private final GraphQLEndpoint endpoint = new GraphQLEndpoint(engine.url(), "secret", JSON);
    private final GraphQLProgramStore programs = new GraphQLProgramStore(endpoint, endpoint, JSON);
    private final GraphQLAssetStore assets = new GraphQLAssetStore(endpoint, JSON);

    @AfterEach
    void close() {
        endpoint.close();
        engine.close();
    }

    @Test
    void everyDocumentParsesAndNamesItsOperation() {
        for (String document : List.of(GraphQLProgramStore.INTENT, GraphQLProgramStore.UPDATE_INTENT,
                GraphQLProgramStore.PROGRAM, GraphQLProgramStore.VERSION, GraphQLProgramStore.SAVE_PUBLICATION,
                GraphQLAssetStore.ASSET, GraphQLAssetStore.UPDATE_ASSET)) {
            Document parsed = Parser.parse(document);
            OperationDefinition operation = (OperationDefinition) parsed.getDefinitions().get(0);
            assertFalse(operation.getName().isEmpty(), document);
        }
    }

    @Test
    void intentUpdatesSetStatusOnlyWhenGivenAndAlwaysWriteResultAndError() {
        UUID programId = UUID.randomUUID();
        UUID intentId = engine.addIntent(programId, UUID.randomUUID());

        assertTrue(programs.updateIntent(intentId, IntentUpdate.processing()));
        assertTrue(programs.updateIntent(intentId, IntentUpdate.retrying("storage down")));
        assertFalse(programs.updateIntent(UUID.randomUUID(), IntentUpdate.failed("x")), "absent row → false");

        List<HasuraStandIn.Request> mutations = engine.mutations();
        assertEquals("{\"status\":\"processing\",\"result\":null,\"error\":null}",
                mutations.get(0).variables().path("set").toString());
        assertEquals("{\"result\":null,\"error\":\"storage down\"}", mutations.get(1).variables().path("set").toString());
        assertEquals("processing", programs.intent(intentId).orElseThrow().status());
        assertEquals(programId, programs.intent(intentId).orElseThrow().programId());
        assertTrue(programs.intent(UUID.randomUUID()).isEmpty());
        assertTrue(engine.requests().stream().allMatch(r -> "secret".equals(r.adminSecret())));
    }

    @Test
    void programsAreReadWithTheirRelationships() {
        UUID programId = UUID.randomUUID();
        UUID imageId = UUID.randomUUID();
        engine.addProgram(programId, HasuraStandIn.program(programId, "T", "<p>d</p>", null, List.of(
                HasuraStandIn.session(0, "S", null, HasuraStandIn.exercise(0, "E", null,
                        HasuraStandIn.assetRef(imageId, "k.jpg", "image/jpeg"))))));

        ProgramSource program = programs.program(programId).orElseThrow();
        assertEquals("T", program.title());
        assertEquals("Ada <b>Strong</b>", program.coach().displayName());
        ProgramSource.Exercise exercise = program.sessions().get(0).exercises().get(0);
        assertEquals(imageId, exercise.imageAsset().id());
        assertEquals("k.jpg", exercise.imageAsset().storageKey());
        assertEquals(3, exercise.sets());
        assertEquals(null, exercise.durationSeconds());
        assertTrue(programs.program(UUID.randomUUID()).isEmpty());
    }

    @Test
    void publicationsUpsertPerIntentAndVersionsCountUp() {
        UUID programId = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        assertEquals(1, programs.versionFor(programId, first));
        UUID id = programs.savePublication(publication(programId, first, 1, "a"));
        assertEquals(id, programs.savePublication(publication(programId, first, 1, "b")), "on_conflict updates");
        assertEquals(1, engine.publications().size());
        assertEquals("b", engine.publications().get(0).path("landing").path("v").asText());
        assertEquals(1, programs.versionFor(programId, first), "a retry keeps its version");
        assertEquals(2, programs.versionFor(programId, UUID.randomUUID()));

        EngineException clash = assertThrows(EngineException.class,
                () -> programs.savePublication(publication(programId, UUID.randomUUID(), 1, "c")));
        assertTrue(clash.getMessage().contains("(constraint-violation)"), clash.getMessage());
        JsonNode sent = engine.mutations().get(0).variables().path("object");
        assertEquals(List.of("program_id", "publish_program_id", "slug", "version", "landing", "app_document"),
                iterableToList(sent.fieldNames()));
    }

    @Test
    void assetUpdatesCarryVariantsAsJsonb() {
        UUID assetId = engine.addAsset("k.jpg", "image/jpeg");
        assertEquals(new AssetRecord(assetId, "k.jpg", "image/jpeg", "uploaded"), assets.asset(assetId).orElseThrow());

        ImageVariant variant = new ImageVariant(320, 240, "image/jpeg", "images/ab.jpg", "https://cdn/images/ab.jpg", 999);
        assets.updateAsset(assetId, AssetUpdate.ready(new ProcessedImage(640, 480, "jpeg", List.of(variant))));
        JsonNode row = engine.asset(assetId);
        assertEquals("ready", row.path("status").asText());
        assertEquals(640, row.path("width").asInt());
        assertEquals("{\"width\":320,\"height\":240,\"content_type\":\"image/jpeg\",\"key\":\"images/ab.jpg\","
                + "\"url\":\"https://cdn/images/ab.jpg\",\"size_bytes\":999}", row.path("variants").get(0).toString());
        assertTrue(row.path("rejection_reason").isNull());
    }

    @Test
    void aWrongSecretOrAnUnreachableEngineIsAnEngineException() {
        try (GraphQLEndpoint wrongSecret = new GraphQLEndpoint(engine.url(), "nope", JSON)) {
            EngineException denied = assertThrows(EngineException.class,
                    () -> new GraphQLAssetStore(wrongSecret, JSON).asset(UUID.randomUUID()));
            assertTrue(denied.getMessage().endsWith("(access-denied)"), denied.getMessage());
        }
        try (GraphQLEndpoint nowhere = new GraphQLEndpoint("http://127.0.0.1:9/v1/graphql", EngineCredentials.NONE, JSON)) {
            EngineException down = assertThrows(EngineException.class,
                    () -> new GraphQLAssetStore(nowhere, JSON).asset(UUID.randomUUID()));
            assertTrue(down.getMessage().startsWith("AssetForProcessing at http://127.0.0.1:9/v1/graphql failed"),
                    down.getMessage());
        }
    }

    private static Publication publication(UUID programId, UUID intentId, int version, String marker) {
        return new Publication(programId, intentId, "slug-1", version, JSON.createObjectNode().put("v", marker),
                JSON.createObjectNode());
    }

    private static List<String> iterableToList(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
