package io.threefactor.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engine as a separate JVM, started from its packaged fast-jar exactly as a user runs it (Hasura env vars),
 * so its CPU and memory are its own and the HTTP path is the real one. Listens on 127.0.0.1 only.
 */
final class EngineProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private EngineProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static EngineProcess start(BenchOptions o, String databaseUrl, Path workDir) throws IOException {
        int port = freePort();
        Files.createDirectories(workDir);
        Path log = workDir.resolve("engine.log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(o.engineJvmArgs());
        command.add("-jar");
        command.add(o.engineJar().toString());
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("HASURA_GRAPHQL_DATABASE_URL", databaseUrl);
        pb.environment().put("HASURA_GRAPHQL_SERVER_PORT", Integer.toString(port));
        pb.environment().put("HASURA_GRAPHQL_SERVER_HOST", "127.0.0.1");
        pb.environment().put("HASURA_GRAPHQL_PG_CONNECTIONS", Integer.toString(o.enginePool()));
        pb.environment().put("THREEFACTOR_PROJECT_DIR", o.projectDir().toString());
        pb.environment().put("THREEFACTOR_EXAMPLE_APP", "false");
        pb.environment().remove("HASURA_GRAPHQL_ADMIN_SECRET");
        EngineProcess engine = new EngineProcess(pb.start(), port, log);
        Runtime.getRuntime().addShutdownHook(new Thread(engine::close));
        return engine;
    }

    /** Waits for {@code GET /healthz} to answer 200; fails early with the log's tail if the process dies. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the engine exited with " + process.exitValue() + "; log tail:\n" + logTail());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/healthz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the engine was not ready after " + timeout + "; log tail:\n" + logTail());
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
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
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
