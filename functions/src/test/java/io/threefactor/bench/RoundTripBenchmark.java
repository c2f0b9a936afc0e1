package io.threefactor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.threefactor.functions.e2e.CoachTokens;
import io.threefactor.functions.e2e.EndToEndStack;
import io.threefactor.functions.e2e.EngineProcess;
import io.threefactor.functions.e2e.GraphQLHttp;
import io.threefactor.functions.e2e.GraphQLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The 3factor round trip, measured as the coach app sees it: from sending {@code insert_publish_program_one} until
 * the subscription pushes the row as {@code published}. Every hop is real: the engine (child process, fresh database
 * {@code tf_bench_rt_*}, JWT mode, the coaching app with its event triggers), the event delivery, a function that
 * updates the row through the engine's GraphQL, the live query refetch and the WebSocket push.
 *
 * <p>Two targets for the {@code publish_program} trigger, one after the other, each with its own engine start:
 * <ol>
 *   <li>{@code noop}: a trivial webhook receiver in this program that sets the row to {@code published} through the
 *       engine (admin secret) — the cost of the pipeline itself;</li>
 *   <li>{@code publish}: the real publish-program function (the functions fast-jar, child process, local storage) on
 *       a small program (one session, two exercises, one image).</li>
 * </ol>
 * Round trips are sequential (one intent in flight). A main, not a test: {@code functions/bench.sh}.
 */
public final class RoundTripBenchmark {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String LATEST_INTENT = """
            subscription LatestIntent($program: uuid!) {
              publish_program(where: {program_id: {_eq: $program}}, order_by: {created_at: desc}, limit: 1) { id status }
            }""";
    static final String PUBLISH = """
            mutation Publish($program: uuid!) {
              insert_publish_program_one(object: {program_id: $program}) { id }
            }""";
    static final String SET_PUBLISHED = """
            mutation Published($id: uuid!) {
              update_publish_program_by_pk(pk_columns: {id: $id}, _set: {status: published, result: {noop: true}}) { id }
            }""";

    /** Ada's seeded draft program (no images): the no-op phase's intents. */
    static final String DRAFT_PROGRAM = "9a0a0000-0000-4000-8000-000000000003";
    /** Ada's seeded plank image. */
    static final String PLANK_ASSET = "a55e0000-0000-4000-8000-000000000004";

    record Options(int roundTrips, int warmup, List<String> phases, List<String> engineJvm, Path functionsJar,
            boolean keepDb) {
        static Options parse(String[] args) {
            int roundTrips = 200;
            int warmup = 30;
            List<String> phases = List.of("noop", "publish");
            List<String> engineJvm = List.of();
            Path functionsJar = null;
            boolean keepDb = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--round-trips" -> roundTrips = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--phases" -> phases = List.of(args[++i].split(","));
                    case "--engine-jvm" -> engineJvm = List.of(args[++i].trim().split("\\s+"));
                    case "--functions-jar" -> functionsJar = Path.of(args[++i]);
                    case "--keep-db" -> keepDb = true;
                    case "--help", "-h" -> {
                        System.out.println("""
                                RoundTripBenchmark [options]
                                  --round-trips N    measured round trips per phase (default 200)
                                  --warmup N         unmeasured round trips first (default 30)
                                  --phases LIST      noop,publish (default both)
                                  --engine-jvm OPTS  JVM options of the engine process, e.g. "-Xmx1g"
                                  --functions-jar P  functions fast-jar (default functions/target/quarkus-app/quarkus-run.jar)
                                  --keep-db          keep the tf_bench_rt_* database
                                system properties: -De2e.engine-jar=…, -De2e.pg-host/-port/-user (127.0.0.1:5432, postgres)""");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--help)");
                }
            }
            if (roundTrips < 1 || warmup < 0) {
                throw new IllegalArgumentException("--round-trips ≥ 1, --warmup ≥ 0");
            }
            return new Options(roundTrips, warmup, phases, engineJvm, functionsJar, keepDb);
        }
    }

    /** The event triggers' caller secret (engine and functions alike). */
    static final String CALLER_SECRET = "bench-caller-" + UUID.randomUUID();

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        String adminSecret = "bench-admin-" + UUID.randomUUID();
        CoachTokens tokens = new CoachTokens("bench-coach-app-hs256-key-" + UUID.randomUUID());
        Path storage = EndToEndStack.storageWithSeedUploads();
        int enginePort = EngineProcess.freePort();
        NoOpFunction noop = NoOpFunction.start(adminSecret);
        Path logDir = Files.createDirectories(Path.of("target", "bench").toAbsolutePath());

        Map<String, String> env = new LinkedHashMap<>();
        env.put("HASURA_GRAPHQL_ADMIN_SECRET", adminSecret);
        env.put("HASURA_GRAPHQL_JWT_SECRET", tokens.jwtSecretConfig());
        env.put("PROCESS_IMAGE_WEBHOOK_URL", noop.url("/process-image"));
        env.put("FUNCTIONS_WEBHOOK_SECRET", CALLER_SECRET);
        EngineProcess engine = EngineProcess.create("tf_bench_rt_", enginePort, env,
                logDir.resolve("engine-" + enginePort + ".log"));
        engine.jvmOptions(options.engineJvm());
        Process functions = null;
        List<String> report = new ArrayList<>();
        try {
            System.out.printf(Locale.ROOT, "database %s, engine %s (log %s), %d round trips per phase after %d warm-up%n",
                    engine.database(), EngineProcess.engineJar(), engine.log(), options.roundTrips(), options.warmup());
            GraphQLHttp graphql = new GraphQLHttp(engine.graphqlUrl());
            noop.engine = graphql;
            for (String phase : options.phases()) {
                String programId;
                switch (phase) {
                    case "noop" -> {
                        engine.env("PUBLISH_PROGRAM_WEBHOOK_URL", noop.url("/publish-program"));
                        engine.start(Duration.ofSeconds(120));
                        programId = DRAFT_PROGRAM;
                    }
                    case "publish" -> {
                        int functionsPort = EngineProcess.freePort();
                        functions = startFunctions(options.functionsJar(), functionsPort, engine.graphqlUrl(),
                                adminSecret, storage, logDir.resolve("functions-" + functionsPort + ".log"));
                        engine.env("PUBLISH_PROGRAM_WEBHOOK_URL", "http://127.0.0.1:" + functionsPort + "/publish-program");
                        engine.start(Duration.ofSeconds(120));
                        programId = smallProgram(graphql, adminSecret);
                    }
                    default -> throw new IllegalArgumentException("unknown phase " + phase);
                }
                Result r = run(phase, engine, graphql, tokens, programId, options, phase.equals("noop") ? noop : null);
                report.addAll(r.lines());
                engine.stop();
                if (functions != null) {
                    stop(functions);
                    functions = null;
                }
            }
        } finally {
            engine.stop();
            if (functions != null) {
                stop(functions);
            }
            noop.close();
            if (options.keepDb()) {
                System.out.println("kept database " + engine.database());
            } else {
                engine.dropDatabase();
            }
        }
        System.out.println();
        System.out.println("Round trip: insert_publish_program_one sent → subscription push of status published");
        report.forEach(System.out::println);
    }

    record Result(List<String> lines) {
    }

    static Result run(String phase, EngineProcess engine, GraphQLHttp graphql, CoachTokens tokens, String programId,
            Options options, NoOpFunction noop) throws Exception {
        String ada = tokens.coach(CoachTokens.ADA);
        Map<String, String> auth = GraphQLHttp.bearer(ada);
        Map<String, CompletableFuture<Long>> published = new ConcurrentHashMap<>();
        try (GraphQLSocket app = GraphQLSocket.connect(engine.websocketUri(), auth)) {
            CompletableFuture<Void> subscribed = new CompletableFuture<>();
            app.subscribe("latest", LATEST_INTENT, Map.of("program", programId), m -> {
                if (!m.type().equals("next") || m.payload().has("errors")) {
                    System.err.println("subscription: " + m.type() + " " + m.payload());
                    return;
                }
                subscribed.complete(null);
                JsonNode row = m.data().path("publish_program").path(0);
                if (row.path("status").asText().equals("published")) {
                    published.computeIfAbsent(row.path("id").asText(), k -> new CompletableFuture<>())
                            .complete(m.receivedNanos());
                }
            });
            subscribed.get(30, TimeUnit.SECONDS);
            int total = options.warmup() + options.roundTrips();
            long[] roundTrip = new long[options.roundTrips()];
            long[] mutation = new long[options.roundTrips()];
            long[] toDelivery = new long[options.roundTrips()];
            long[] functionUpdate = new long[options.roundTrips()];
            long[] toPush = new long[options.roundTrips()];
            long started = System.nanoTime();
            for (int i = 0; i < total; i++) {
                if (i == options.warmup()) {
                    started = System.nanoTime();
                }
                long t0 = System.nanoTime();
                JsonNode inserted = graphql.data(auth, PUBLISH, Map.of("program", programId));
                long t1 = System.nanoTime();
                String id = inserted.at("/insert_publish_program_one/id").asText();
                long pushed;
                try {
                    pushed = published.computeIfAbsent(id, k -> new CompletableFuture<>()).get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException(phase + ": intent " + id + " was not pushed as published within"
                            + " 60 s; engine log " + engine.log(), e);
                }
                published.remove(id);
                int k = i - options.warmup();
                if (k >= 0) {
                    roundTrip[k] = pushed - t0;
                    mutation[k] = t1 - t0;
                    if (noop != null) {
                        long[] marks = noop.awaitMarks(id);
                        toDelivery[k] = marks[0] - t0;
                        functionUpdate[k] = marks[1] - marks[0];
                        toPush[k] = pushed - marks[1];
                    }
                } else if (noop != null) {
                    noop.marks.remove(id);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "  %-8s %s  (%d sequential round trips in %.1f s, load average %s)",
                    phase, stats(roundTrip), options.roundTrips(), seconds, loadAverage()));
            lines.add(String.format(Locale.ROOT, "  %-8s   of which the insert mutation's own response: %s", "",
                    stats(mutation)));
            if (noop != null) {
                lines.add(String.format(Locale.ROOT, "  %-8s   insert sent → event at the webhook:          %s", "",
                        stats(toDelivery)));
                lines.add(String.format(Locale.ROOT, "  %-8s   webhook's update mutation through the engine: %s", "",
                        stats(functionUpdate)));
                lines.add(String.format(Locale.ROOT, "  %-8s   update answered → push received:             %s", "",
                        stats(toPush)));
                double p50 = percentile(roundTrip, 50) / 1e6;
                lines.add(String.format(Locale.ROOT, "  %-8s   target p50 ≤ 50 ms: %s (%.1f ms)", "",
                        p50 <= 50 ? "met" : "MISSED", p50));
            }
            System.out.println(lines.get(0));
            app.complete("latest");
            return new Result(lines);
        }
    }

    /** The 1-minute load average (other work on the machine shows in the figures). */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static String stats(long[] nanos) {
        return String.format(Locale.ROOT, "p50 %7.1f ms   p90 %7.1f ms   p99 %7.1f ms   max %7.1f ms",
                percentile(nanos, 50) / 1e6, percentile(nanos, 90) / 1e6, percentile(nanos, 99) / 1e6,
                percentile(nanos, 100) / 1e6);
    }

    /** Nearest-rank percentile. */
    static long percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Ada's small program for the real function: one session, two exercises, one of them with the plank image. */
    static String smallProgram(GraphQLHttp graphql, String adminSecret) {
        return graphql.data(GraphQLHttp.admin(adminSecret), """
                mutation ($coach: uuid!, $image: uuid!) {
                  insert_program_one(object: {
                    coach_id: $coach, title: "Round Trip", description: "<p>A <strong>small</strong> program.</p>",
                    sessions: {data: [{position: 0, title: "Only day", exercises: {data: [
                      {position: 0, name: "Plank", instructions: "<p>Hold.</p>", image_asset_id: $image, sets: 3, duration_seconds: 30},
                      {position: 1, name: "Rest", sets: 1, duration_seconds: 60}
                    ]}}]}
                  }) { id }
                }""", Map.of("coach", CoachTokens.ADA, "image", PLANK_ASSET)).at("/insert_program_one/id").asText();
    }

    static Process startFunctions(Path jar, int port, String engineUrl, String adminSecret, Path storage, Path log)
            throws IOException {
        if (jar == null) {
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve("functions/target/quarkus-app/quarkus-run.jar");
                if (Files.isRegularFile(candidate)) {
                    jar = candidate;
                    break;
                }
                Path here = dir.resolve("target/quarkus-app/quarkus-run.jar");
                if (dir.getFileName() != null && dir.getFileName().toString().equals("functions")
                        && Files.isRegularFile(here)) {
                    jar = here;
                    break;
                }
            }
            if (jar == null) {
                throw new IllegalStateException("no functions jar: ./mvnw -pl functions -am package -DskipTests");
            }
        }
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        pb.environment().put("THREEFACTOR_ENGINE_URL", engineUrl);
        pb.environment().put("THREEFACTOR_ENGINE_ADMIN_SECRET", adminSecret);
        pb.environment().put("FUNCTIONS_WEBHOOK_SECRET", CALLER_SECRET);
        pb.environment().put("THREEFACTOR_STORAGE_KIND", "local");
        pb.environment().put("THREEFACTOR_STORAGE_LOCAL_ROOT", storage.toString());
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the functions app exited; see " + log);
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                System.out.println("functions " + jar + " on port " + port + " (log " + log + ")");
                return p;
            } catch (IOException e) {
                sleep(200);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("the functions app did not listen within 60 s; see " + log);
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The no-op function: receives the Hasura event and sets the intent to {@code published} through the engine with
     * the admin secret (what a function that does no work would do), then answers 200. Records when the event
     * arrived and when the update was answered, per intent.
     */
    static final class NoOpFunction implements AutoCloseable {
        final HttpServer server;
        final Map<String, long[]> marks = new ConcurrentHashMap<>();
        final String adminSecret;
        volatile GraphQLHttp engine;

        private NoOpFunction(HttpServer server, String adminSecret) {
            this.server = server;
            this.adminSecret = adminSecret;
        }

        static NoOpFunction start(String adminSecret) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            NoOpFunction f = new NoOpFunction(server, adminSecret);
            server.createContext("/publish-program", exchange -> {
                long arrived = System.nanoTime();
                byte[] answer;
                int status = 200;
                try (InputStream in = exchange.getRequestBody()) {
                    JsonNode event = JSON.readTree(in);
                    String id = event.at("/event/data/new/id").asText();
                    JsonNode r = f.engine.post(GraphQLHttp.admin(adminSecret), SET_PUBLISHED, Map.of("id", id));
                    long answered = System.nanoTime();
                    if (r.has("errors")) {
                        status = 500;
                        answer = r.toString().getBytes(StandardCharsets.UTF_8);
                    } else {
                        f.marks.put(id, new long[] {arrived, answered});
                        answer = "{\"status\":\"published\"}".getBytes(StandardCharsets.UTF_8);
                    }
                } catch (RuntimeException e) {
                    status = 500;
                    answer = ("{\"error\":\"" + e + "\"}").getBytes(StandardCharsets.UTF_8);
                }
                exchange.getResponseHeaders().add("content-type", "application/json");
                exchange.sendResponseHeaders(status, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.createContext("/process-image", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "noop-function");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return f;
        }

        /** When the event arrived and the update was answered; the push can overtake the webhook's bookkeeping. */
        long[] awaitMarks(String id) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                long[] m = marks.remove(id);
                if (m != null) {
                    return m;
                }
                Thread.onSpinWait();
            }
            throw new IllegalStateException("the no-op function never recorded intent " + id);
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
