package io.threefactor.engine.subscription;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A real GraphQL client library (graphql-ws or subscriptions-transport-ws, from npm) in a node process running
 * {@code src/test/js/subscribe.mjs}; its events arrive as JSON lines. The npm packages are installed from
 * package-lock.json on first use.
 */
final class NodeClient implements AutoCloseable {

    static final Path DIR = Path.of("src/test/js").toAbsolutePath();
    private final Process process;
    private final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    private NodeClient(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("{")) {
                        events.add(WsClient.JSON.readTree(line));
                    } else {
                        System.err.println("[node] " + line);
                    }
                }
            } catch (IOException e) {
                // process ended
            }
        }, "node-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static synchronized void install() throws Exception {
        if (Files.isDirectory(DIR.resolve("node_modules/graphql-ws"))
                && Files.isDirectory(DIR.resolve("node_modules/subscriptions-transport-ws"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DIR.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm ci failed in " + DIR);
        }
    }

    /** @param protocol {@code transport} (graphql-ws) or {@code legacy} (subscriptions-transport-ws) */
    static NodeClient start(URL base, String protocol, String connectionParams, String query, String variables,
                            int results) throws Exception {
        install();
        String url = "ws://" + base.getHost() + ":" + base.getPort() + "/v1/graphql";
        Process p = new ProcessBuilder(List.of("node", "subscribe.mjs", url, protocol, connectionParams.replace('\'', '"'),
                query, variables.replace('\'', '"'), Integer.toString(results)))
                .directory(DIR.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new NodeClient(p);
    }

    JsonNode next() throws InterruptedException {
        JsonNode e = events.poll(30, TimeUnit.SECONDS);
        assertNotNull(e, "no event from the node client within 30 s");
        return e;
    }

    JsonNode poll(long ms) throws InterruptedException {
        return events.poll(ms, TimeUnit.MILLISECONDS);
    }

    boolean exited(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroy();
    }
}
