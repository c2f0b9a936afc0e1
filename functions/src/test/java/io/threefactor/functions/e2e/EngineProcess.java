package io.threefactor.functions.e2e;

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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real engine as a child process: its fast-jar ({@code engine/target/quarkus-app/quarkus-run.jar}, built by the
 * reactor before this module) on a fresh database {@code <prefix><random>} on the local PostgreSQL, configured the
 * way a deployment configures it — Hasura's environment variables — with the bundled coaching app.
 */
public final class EngineProcess implements AutoCloseable {

    /** The local PostgreSQL the test suite uses (README: user postgres, trust auth). */
    public static final String PG_HOST = System.getProperty("e2e.pg-host", "127.0.0.1");
    public static final int PG_PORT = Integer.getInteger("e2e.pg-port", 5432);
    public static final String PG_USER = System.getProperty("e2e.pg-user", "postgres");

    private final Path jar;
    private final Path log;
    private final String database;
    private final int port;
    private final Map<String, String> env;
    private final List<String> jvmOptions = new ArrayList<>();
    private Process process;

    private EngineProcess(Path jar, Path log, String database, int port, Map<String, String> env) {
        this.jar = jar;
        this.log = log;
        this.database = database;
        this.port = port;
        this.env = env;
    }

    /** The engine jar next to this module, or the one named by {@code -De2e.engine-jar}. */
    public static Path engineJar() {
        String configured = System.getProperty("e2e.engine-jar");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("engine/target/quarkus-app/quarkus-run.jar");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no engine jar: build it first (./mvnw -pl functions -am verify builds it"
                + " before this module; or ./mvnw -pl engine -am package -DskipTests), or set"
                + " -De2e.engine-jar=…/quarkus-run.jar; looked upwards from " + here);
    }

    /** The repository's {@code schema/} directory (seed images live there). */
    public static Path schemaDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("schema/seeds/images");
            if (Files.isDirectory(candidate)) {
                return dir.resolve("schema");
            }
        }
        throw new IllegalStateException("no schema/seeds/images above " + Path.of("").toAbsolutePath());
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates the database and prepares (does not start) the engine.
     *
     * @param env Hasura/threefactor variables on top of the database URL, port, host and the example app
     */
    public static EngineProcess create(String dbPrefix, int port, Map<String, String> env, Path log) {
        Path jar = engineJar(); // before the database, so a missing jar leaves nothing behind
        String database = dbPrefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + database);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("HASURA_GRAPHQL_DATABASE_URL", "postgres://" + PG_USER + "@" + PG_HOST + ":" + PG_PORT + "/" + database);
        all.put("HASURA_GRAPHQL_SERVER_PORT", Integer.toString(port));
        all.put("HASURA_GRAPHQL_SERVER_HOST", "127.0.0.1");
        all.put("THREEFACTOR_EXAMPLE_APP", "true");
        all.putAll(env);
        return new EngineProcess(jar, log, database, port, all);
    }

    /** JVM options of the engine process (before {@code -jar}). */
    public EngineProcess jvmOptions(List<String> options) {
        jvmOptions.clear();
        jvmOptions.addAll(options);
        return this;
    }

    /** Replaces or adds environment variables for the next {@link #start}. */
    public EngineProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Starts the engine and waits for {@code /healthz}. */
    public EngineProcess start(Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the engine exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/healthz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        stop();
        throw new IllegalStateException("the engine did not answer /healthz within " + timeout + "; see " + log);
    }

    /** SIGTERM (the engine releases its event leases), then SIGKILL after 15 s. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
        dropDatabase();
    }

    public void dropDatabase() {
        try {
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (RuntimeException e) {
            System.err.println("could not drop " + database + ": " + e.getMessage());
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String graphqlUrl() {
        return baseUrl() + "/v1/graphql";
    }

    public URI websocketUri() {
        return URI.create("ws://127.0.0.1:" + port + "/v1/graphql");
    }

    public String database() {
        return database;
    }

    public Path log() {
        return log;
    }

    /** A JDBC connection to this engine's database (for checks the API does not offer). */
    public Connection jdbc() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + database, PG_USER, "");
    }

    private static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(
                "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/postgres", PG_USER, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage()
                    + " (the end-to-end test needs PostgreSQL on " + PG_HOST + ":" + PG_PORT + ", user " + PG_USER
                    + ", trust auth)", e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
