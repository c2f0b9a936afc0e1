package io.threefactor.environments;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Boots the real engine (its fast-jar) once per deployed environment, the way that environment runs it: first
 * the apply-project Job (the engine's one-shot apply mode) applies schema/'s migrations and metadata, then the engine starts with the
 * profile and every variable of the environment's engine.env and engine-secrets.env.example, the secrets and
 * the database filled with local values (a fresh database tf_env_* on the local PostgreSQL, a dummy admin
 * secret, HS256 JWT configurations for the two issuers). It must answer /healthz with OK and serve the applied
 * metadata. Skipped only when the engine jar has not been built (e.g. `-pl environments` alone).
 */
class ProfileBootTest {

    static final String PG_HOST = System.getProperty("threefactor.test.pg.host", "127.0.0.1");
    static final String ADMIN_SECRET = "local-admin-secret-" + UUID.randomUUID();
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    static final List<String> JVM = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    static final Path OUT = Repo.MODULE.resolve("target/boot");

    @BeforeAll
    static void engineBuilt() throws IOException {
        assumeTrue(Files.isRegularFile(Repo.ENGINE_JAR), "SKIPPED: " + Repo.ENGINE_JAR + " is not built; run "
                + "`./mvnw -B -pl environments -am verify` (the reactor builds the engine first)");
        Files.createDirectories(OUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void engineBootsWithTheEnvironmentsProfileAndVariables(String environment) throws Exception {
        String database = "tf_env_" + environment + "_" + UUID.randomUUID().toString().substring(0, 8);
        sql("CREATE DATABASE " + database);
        try {
            int port = freePort();
            Map<String, String> vars = environment(environment, database, port);

            // 1. The apply-project Job: the engine in its one-shot mode with the Job's own variables.
            Path applyLog = OUT.resolve(environment + "-apply-project.log");
            Process job = applyProject(environment, vars, projectAsBakedIntoTheImage(environment), applyLog);
            assertEquals(0, job.exitValue(), "apply-project failed:\n" + tail(applyLog));
            assertTrue(Files.readString(applyLog).contains("project applied"), tail(applyLog));

            // 2. The Deployment's engine: profile and variables of the environment, nothing applied at start.
            Path log = OUT.resolve(environment + "-engine.log");
            Process engine = start(vars, log);
            try {
                String base = "http://127.0.0.1:" + port;
                awaitHealthy(engine, base, log);
                HttpResponse<String> version = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/version"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, version.statusCode());
                // The metadata the Job applied is what this instance serves (the tables are empty: no seeds).
                HttpResponse<String> coaches = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/graphql"))
                        .header("content-type", "application/json").header("x-hasura-admin-secret", ADMIN_SECRET)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ coach { id } program { id } }\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals("{\"data\":{\"coach\":[],\"program\":[]}}", coaches.body().replace(" ", ""),
                        "engine log:\n" + tail(log));
                // The admin secret is enforced.
                HttpResponse<String> wrong = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/graphql"))
                        .header("content-type", "application/json").header("x-hasura-admin-secret", "wrong")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ coach { id } }\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertNotEquals("{\"data\":{\"coach\":[]}}", wrong.body().replace(" ", ""));
                // Both identity projects' tokens are accepted (coach app, client app: separate issuers and keys);
                // a token of another issuer is not.
                assertEquals("{\"data\":{\"__typename\":\"query_root\"}}",
                        asUser(base, token(COACH_KEY, "threefactor-coach-local", "coach")), "coach app token");
                assertEquals("{\"data\":{\"__typename\":\"query_root\"}}",
                        asUser(base, token(CLIENT_KEY, "threefactor-client-local", "client")), "client app token");
                assertTrue(asUser(base, token(COACH_KEY, "threefactor-client-local", "client")).contains("\"errors\""),
                        "a client-issuer token signed with the coach app's key must be refused");
                // The request log (both environments turn it on) names the request, never the secret; every
                // line is a JSON object, the request's fields among them.
                awaitLog(log, "POST /v1/graphql 200 ");
                assertFalse(Files.readString(log).contains(ADMIN_SECRET), "the admin secret appears in the log");
                assertJsonLines(log);
            } finally {
                stop(engine);
            }
        } finally {
            sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /** A failed migration fails the Job (the release stops) instead of hanging or passing. */
    @Test
    void applyProjectFailsWhenAMigrationFails() throws Exception {
        String database = "tf_env_badmigration_" + UUID.randomUUID().toString().substring(0, 8);
        sql("CREATE DATABASE " + database);
        try {
            Path project = OUT.resolve("project-bad");
            deleteTree(project);
            Files.createDirectories(project.resolve("migrations/default/1795000000000_broken"));
            Files.writeString(project.resolve("migrations/default/1795000000000_broken/up.sql"),
                    "CREATE TABLE broken (id int;\n");
            Path log = OUT.resolve("apply-project-bad.log");
            Process job = applyProject("staging", environment("staging", database, freePort()), project, log);
            assertNotEquals(0, job.exitValue(), tail(log));
            assertTrue(Files.readString(log).contains("1795000000000_broken"), "the log names the migration:\n" + tail(log));
        } finally {
            sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /** Deployed profiles never fall back to the embedded database: no URL stops the engine with a clear error. */
    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void engineWithoutADatabaseUrlRefusesToStart(String environment) throws Exception {
        Map<String, String> vars = environment(environment, "unused", freePort());
        vars.remove("HASURA_GRAPHQL_DATABASE_URL");
        Path log = OUT.resolve(environment + "-no-database.log");
        Process engine = start(vars, log);
        try {
            assertTrue(engine.waitFor(60, TimeUnit.SECONDS), "still running without a database:\n" + tail(log));
            assertNotEquals(0, engine.exitValue(), tail(log));
            assertTrue(Files.readString(log).contains("no database configured: set HASURA_GRAPHQL_DATABASE_URL"),
                    tail(log));
        } finally {
            stop(engine);
        }
    }

    /**
     * Runs the apply-project Job's container as the rendered manifest defines it (its {@code env} over the
     * environment's files) with the engine jar instead of the image, and waits for it to exit.
     */
    static Process applyProject(String environment, Map<String, String> vars, Path project, Path log)
            throws Exception {
        Map<String, String> env = new java.util.TreeMap<>(vars);
        env.putAll(jobVariables(environment));
        env.remove("JAVA_TOOL_OPTIONS"); // the image's JVM paths; the test runs its own JVM
        env.put("THREEFACTOR_PROJECT_DIR", project.toString());
        env.put("HASURA_GRAPHQL_SERVER_PORT", Integer.toString(freePort()));
        Process job = start(env, log);
        if (!job.waitFor(150, TimeUnit.SECONDS)) {
            job.destroyForcibly();
            fail("apply-project did not finish:\n" + tail(log));
        }
        return job;
    }

    /** The literal {@code env} values of the rendered apply-project Job's container. */
    static Map<String, String> jobVariables(String environment) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (com.fasterxml.jackson.databind.node.ObjectNode d : Repo.renderings(environment).values().iterator().next()) {
            if (Yaml.id(d).equals("batch/Job/threefactor-apply-project")) {
                for (com.fasterxml.jackson.databind.JsonNode c : ManifestTest.containers(d)) {
                    for (com.fasterxml.jackson.databind.JsonNode e : c.path("env")) {
                        if (e.has("value")) {
                            out.put(e.path("name").asText(), e.path("value").asText());
                        }
                    }
                }
            }
        }
        assertEquals("true", out.get("THREEFACTOR_APPLY_AND_EXIT"), "the Job runs the one-shot mode: " + out);
        return out;
    }

    /** Every line the engine logged is one JSON object (staging and production log JSON). */
    static void assertJsonLines(Path log) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
        assertFalse(lines.isEmpty());
        boolean access = false;
        for (String line : lines) {
            com.fasterxml.jackson.databind.JsonNode record;
            try {
                record = json.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not a JSON log line: " + line, e);
            }
            assertTrue(record.has("timestamp") && record.has("level") && record.has("message"), line);
            if ("io.threefactor.access".equals(record.path("loggerName").asText())
                    && record.toString().contains("\"http_status\"")) {
                access = true;
            }
        }
        assertTrue(access, "an access log record with its fields:\n" + String.join("\n", lines));
    }

    static final String COACH_KEY = "coach-app-local-key-0123456789abcdef0123";
    static final String CLIENT_KEY = "client-app-local-key-0123456789abcdef012";

    /** An HS256 token of one identity project, with Hasura's claims for {@code role}. */
    static String token(String key, String issuer, String role) throws Exception {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes());
        String claims = b64.encodeToString(("{\"sub\":\"" + UUID.randomUUID() + "\",\"iss\":\"" + issuer
                + "\",\"aud\":\"" + issuer + "\",\"iat\":" + now + ",\"exp\":" + (now + 300)
                + ",\"https://hasura.io/jwt/claims\":{\"x-hasura-allowed-roles\":[\"" + role
                + "\"],\"x-hasura-default-role\":\"" + role + "\",\"x-hasura-user-id\":\"" + UUID.randomUUID()
                + "\"}}").getBytes());
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(), "HmacSHA256"));
        return header + "." + claims + "." + b64.encodeToString(mac.doFinal((header + "." + claims).getBytes()));
    }

    static String asUser(String base, String jwt) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/graphql"))
                .header("content-type", "application/json").header("authorization", "Bearer " + jwt)
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}"))
                .build(), HttpResponse.BodyHandlers.ofString()).body().replace(" ", "");
    }

    /** The environment's files, the secrets and addresses replaced by local ones. */
    static Map<String, String> environment(String environment, String database, int port) {
        Map<String, String> vars = new java.util.TreeMap<>();
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            String k = e.getKey().toUpperCase(Locale.ROOT);
            if (!k.startsWith("HASURA_") && !k.startsWith("THREEFACTOR_") && !k.startsWith("QUARKUS_")
                    && !k.startsWith("RABBITMQ_") && !k.endsWith("_WEBHOOK_URL") && !k.equals("JAVA_TOOL_OPTIONS")) {
                vars.put(e.getKey(), e.getValue());
            }
        }
        vars.putAll(EnvFile.read(Repo.env(environment).resolve("engine.env")).values());
        vars.putAll(EnvFile.read(Repo.env(environment).resolve("engine-secrets.env.example")).values());
        String url = "postgres://postgres@" + PG_HOST + ":5432/" + database;
        vars.put("HASURA_GRAPHQL_DATABASE_URL", url);
        vars.put("HASURA_GRAPHQL_READ_REPLICA_URLS", url);
        vars.put("HASURA_GRAPHQL_ADMIN_SECRET", ADMIN_SECRET);
        vars.put("RABBITMQ_USERNAME", "guest");
        vars.put("RABBITMQ_PASSWORD", "guest");
        vars.put("HASURA_GRAPHQL_SERVER_HOST", "127.0.0.1");
        vars.put("HASURA_GRAPHQL_SERVER_PORT", Integer.toString(port));
        vars.put("HASURA_GRAPHQL_PG_CONNECTIONS", "4");
        vars.put("THREEFACTOR_EVENTS_INSTANCE_ID", "boot-test-" + environment);
        // The two identity projects, as HS256 issuers a test can sign for (the real ones are JWKS URLs).
        vars.put("HASURA_GRAPHQL_JWT_SECRETS", "[{\"type\":\"HS256\",\"key\":\"" + COACH_KEY + "\","
                + "\"issuer\":\"threefactor-coach-local\",\"audience\":\"threefactor-coach-local\"},"
                + "{\"type\":\"HS256\",\"key\":\"" + CLIENT_KEY + "\","
                + "\"issuer\":\"threefactor-client-local\",\"audience\":\"threefactor-client-local\"}]");
        return vars;
    }

    /** schema/ as the engine image carries it (Dockerfile): migrations and metadata, no seeds. */
    static Path projectAsBakedIntoTheImage(String environment) throws IOException {
        Path target = OUT.resolve("project-" + environment);
        deleteTree(target);
        for (String dir : List.of("migrations", "metadata")) {
            Path from = Repo.ROOT.resolve("schema").resolve(dir);
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path p : walk.toList()) {
                    Path to = target.resolve(dir).resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to);
                    }
                }
            }
        }
        return target;
    }

    static List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(JAVA);
        cmd.addAll(JVM);
        cmd.add("-jar");
        cmd.add(Repo.ENGINE_JAR.toString());
        return cmd;
    }

    static Process start(Map<String, String> vars, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command()).directory(OUT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(vars);
        return pb.start();
    }

    static void awaitHealthy(Process engine, String base, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!engine.isAlive()) {
                fail("the engine exited with " + engine.exitValue() + ":\n" + tail(log));
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/healthz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().equals("OK")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        fail("no /healthz = OK within 90 s:\n" + tail(log));
    }

    static void awaitLog(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        fail("no log line with " + text + ":\n" + tail(log));
    }

    static void stop(Process p) throws InterruptedException {
        if (p.isAlive()) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + ":5432/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
