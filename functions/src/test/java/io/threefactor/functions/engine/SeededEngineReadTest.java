package io.threefactor.functions.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.threefactor.functions.asset.AssetRecord;
import io.threefactor.functions.publish.ProgramSource;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The functions' read operations against a REAL engine serving the coaching app with its seeds
 * (opt-in until the end-to-end suite lands):
 * {@code ./mvnw -pl functions test -Dtest=SeededEngineReadTest -Dthreefactor.it.engine-url=http://localhost:8080/v1/graphql
 * [-Dthreefactor.it.admin-secret=…]}.
 */
@EnabledIfSystemProperty(named = "threefactor.it.engine-url", matches = ".+")
class SeededEngineReadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static GraphQLEndpoint engine;

    @BeforeAll
    static void connect() {
        engine = new GraphQLEndpoint(System.getProperty("threefactor.it.engine-url"),
                System.getProperty("threefactor.it.admin-secret"), JSON);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void loadsASeededProgramWithOrderedSessionsExercisesAndImages() {
        ProgramSource program = new GraphQLProgramStore(engine, engine, JSON)
                .program(UUID.fromString("9a0a0000-0000-4000-8000-000000000001")).orElseThrow();
        assertEquals("Strength Foundations", program.title());
        assertEquals("Ada Strong", program.coach().displayName());
        assertEquals("seed/strength-foundations-cover.jpg", program.coverAsset().storageKey());
        assertEquals(List.of("Day A: Legs and core", "Day B: Upper body"),
                program.sessions().stream().map(ProgramSource.Session::title).toList());
        ProgramSource.Exercise first = program.sessions().get(0).exercises().get(0);
        assertEquals("Goblet squat", first.name());
        assertEquals("seed/squat.jpg", first.imageAsset().storageKey());
        assertEquals(90, first.restSeconds());
    }

    @Test
    void readsAssetsIntentsAndPublicationVersions() {
        AssetRecord asset = new GraphQLAssetStore(engine, JSON)
                .asset(UUID.fromString("a55e0000-0000-4000-8000-000000000004")).orElseThrow();
        assertEquals("image/png", asset.contentType());
        GraphQLProgramStore programs = new GraphQLProgramStore(engine, engine, JSON);
        assertTrue(programs.intent(UUID.randomUUID()).isEmpty());
        assertTrue(programs.versionFor(UUID.fromString("9a0a0000-0000-4000-8000-000000000003"), UUID.randomUUID()) >= 1);
    }
}
