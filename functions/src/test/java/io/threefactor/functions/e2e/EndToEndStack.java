package io.threefactor.functions.e2e;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The whole local stack for {@link PublishProgramEndToEndTest}: the real engine (child process, fresh database
 * {@code tf_e2e_*}, the bundled coaching app, admin secret, HS256 JWT mode for coaches, the event triggers pointed at
 * this test's functions app) and the functions app itself (the {@code @QuarkusTest} application on a fixed free
 * port, local storage in a temporary directory holding the seed images as uploads).
 */
public class EndToEndStack implements QuarkusTestResourceLifecycleManager {

    /** What the test gets injected. */
    public record Stack(EngineProcess engine, GraphQLHttp graphql, CoachTokens tokens, String adminSecret,
            Path storageRoot, int functionsPort) {
        public Path uploads() {
            return storageRoot.resolve("uploads");
        }

        public Path publicBucket() {
            return storageRoot.resolve("public");
        }
    }

    private Stack stack;

    @Override
    public Map<String, String> start() {
        String adminSecret = "e2e-admin-" + UUID.randomUUID();
        String callerSecret = "e2e-caller-" + UUID.randomUUID();
        CoachTokens tokens = new CoachTokens("e2e-coach-app-hs256-key-" + UUID.randomUUID());
        int enginePort = EngineProcess.freePort();
        int functionsPort = EngineProcess.freePort();
        Path storage = storageWithSeedUploads();
        String functions = "http://127.0.0.1:" + functionsPort;
        EngineProcess engine = EngineProcess.create("tf_e2e_", enginePort, new java.util.LinkedHashMap<>(Map.of(
                        "HASURA_GRAPHQL_ADMIN_SECRET", adminSecret,
                        "HASURA_GRAPHQL_JWT_SECRET", tokens.jwtSecretConfig(),
                        "PUBLISH_PROGRAM_WEBHOOK_URL", functions + "/publish-program",
                        "PROCESS_IMAGE_WEBHOOK_URL", functions + "/process-image",
                        "FUNCTIONS_WEBHOOK_SECRET", callerSecret)),
                Path.of("target", "e2e", "engine-" + enginePort + ".log").toAbsolutePath());
        try {
            engine.jvmOptions(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"))
                    .start(Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        stack = new Stack(engine, new GraphQLHttp(engine.graphqlUrl()), tokens, adminSecret, storage, functionsPort);
        return Map.of(
                "quarkus.http.test-port", Integer.toString(functionsPort),
                "quarkus.http.test-host", "127.0.0.1",
                "threefactor.engine.url", engine.graphqlUrl(),
                // The service role, not the admin secret: the e2e proves its permissions are enough.
                "threefactor.engine.token", tokens.functions(),
                "threefactor.caller.secret", callerSecret,
                "threefactor.storage.kind", "local",
                "threefactor.storage.local.root", storage.toString());
    }

    /** A storage root whose uploads bucket holds the seed assets' files under {@code seed/}, as the local stack has. */
    public static Path storageWithSeedUploads() {
        try {
            Path root = Files.createTempDirectory("tf-e2e-storage");
            Path seed = Files.createDirectories(root.resolve("uploads").resolve("seed"));
            try (Stream<Path> images = Files.list(EngineProcess.schemaDir().resolve("seeds/images"))) {
                for (Path image : images.toList()) {
                    Files.copy(image, seed.resolve(image.getFileName().toString()));
                }
            }
            Files.createDirectories(root.resolve("public"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(stack, new TestInjector.MatchesType(Stack.class));
    }

    @Override
    public void stop() {
        if (stack == null) {
            return;
        }
        stack.engine().close();
        try (Stream<Path> files = Files.walk(stack.storageRoot())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
