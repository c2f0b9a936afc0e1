package io.threefactor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threefactor.functions.e2e.EngineProcess;
import io.threefactor.functions.testing.ArtifactProcess;
import io.threefactor.functions.testing.HasuraPayloads;
import io.threefactor.functions.testing.HasuraStandIn;
import io.threefactor.functions.testing.KnativeService;
import io.threefactor.functions.testing.LambdaRun;
import io.threefactor.functions.testing.LambdaTemplate;
import io.threefactor.functions.testing.S3ProxyServer;
import io.threefactor.functions.testing.TestImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Cold start and memory of each deployment form's artifact, started as its platform starts it (functions/README.md,
 * "Deployment forms"): the funqy-http fast-jar ({@code java -jar}), the Knative jar (the Service container's JVM
 * options and memory limit) and the Lambda zip (unzipped, AWS's runtime client, the template's memory). Per run: a
 * fresh JVM, then one real publish-program event (a program with a 1400×900 JPEG cover: decode, crop, two renditions
 * as JPEG and WebP, two documents, the publication; the engine is the GraphQL stand-in, storage a local S3 server).
 * Prints, per form, the median over the runs of: ready (port open / runtime polling), first answer (process start
 * → the event's 200) and resident memory after it (VmRSS, peak VmHWM). {@code functions/serverless-bench.sh} builds
 * the three artifacts and runs this.
 */
public final class ColdStartBenchmark {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN = "bench-admin";
    static final String CALLER = "bench-caller-" + UUID.randomUUID();

    record Sample(long readyMs, long firstAnswerMs, long rssMiB, long peakMiB) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path functions = Path.of(System.getProperty("functions.dir", ".")).toAbsolutePath().normalize();
        Path logs = Files.createDirectories(functions.resolve("target/bench/cold-start"));
        HttpClient http = HttpClient.newHttpClient();
        try (HasuraStandIn engine = new HasuraStandIn(ADMIN); S3ProxyServer s3 = new S3ProxyServer()) {
            try (S3Client client = s3.client("uploads", "public")) {
                client.putObject(b -> b.bucket("uploads").key("bench/cover.jpg"),
                        RequestBody.fromBytes(TestImages.jpeg(1400, 900)));
            }
            Map<String, String> config = new LinkedHashMap<>(Map.of(
                    "HASURA_GRAPHQL_ENDPOINT", engine.url(),
                    "HASURA_GRAPHQL_ADMIN_SECRET", ADMIN,
                    "FUNCTIONS_WEBHOOK_SECRET", CALLER,
                    "THREEFACTOR_STORAGE_KIND", "s3",
                    "THREEFACTOR_STORAGE_UPLOADS_NAME", "uploads",
                    "THREEFACTOR_STORAGE_PUBLIC_NAME", "public",
                    "THREEFACTOR_STORAGE_S3_ENDPOINT", s3.endpoint(),
                    "THREEFACTOR_STORAGE_S3_PATH_STYLE", "true",
                    "THREEFACTOR_STORAGE_S3_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                    "THREEFACTOR_STORAGE_S3_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY));
            config.put("THREEFACTOR_STORAGE_PUBLIC_BASE_URL", s3.endpoint() + "/public/");
            config.put("THREEFACTOR_STORAGE_S3_REGION", "us-east-1");
            config.put("QUARKUS_HTTP_HOST", "127.0.0.1");

            List<String> table = new ArrayList<>();
            table.add("| form | artifact | size | ready | first answer (cold start) | RSS after | peak RSS |");
            table.add("|---|---|---|---|---|---|---|");
            Path httpApp = functions.resolve("target/quarkus-app");
            Path knativeApp = functions.resolve("target/knative/quarkus-app");
            Path zip = functions.resolve("target/lambda/function.zip");
            Path taskRoot = LambdaRun.unzip(zip);
            LambdaTemplate.Function lambda = LambdaTemplate.repository().function("publish-program");

            List<Sample> httpSamples = new ArrayList<>();
            List<Sample> knativeSamples = new ArrayList<>();
            List<Sample> lambdaSamples = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                // Interleaved, so a load change on the machine touches every form alike.
                httpSamples.add(jar("http", httpApp, config, engine, http, logs, false));
                knativeSamples.add(jar("knative", knativeApp, config, engine, http, logs, true));
                lambdaSamples.add(lambda(lambda, taskRoot, config, engine, http, logs));
            }
            table.add(row("funqy-http (local)", "target/quarkus-app", size(httpApp), httpSamples));
            table.add(row("Knative", "target/knative/quarkus-app", size(knativeApp), knativeSamples));
            table.add(row("AWS Lambda (" + lambda.memoryMb() + " MB)", "target/lambda/function.zip", Files.size(zip),
                    lambdaSamples));
            System.out.printf(Locale.ROOT, "%d cold starts per form, medians; %d cores, load average %s%n", runs,
                    Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim());
            table.forEach(System.out::println);
        }
    }

    static Sample jar(String form, Path app, Map<String, String> config, HasuraStandIn engine, HttpClient http,
            Path logs, boolean knative) throws Exception {
        int port = EngineProcess.freePort();
        Map<String, String> env = new LinkedHashMap<>(config);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        Path log = logs.resolve(form + "-" + port + ".log");
        try (ArtifactProcess p = knative ? KnativeService.start("publish-program", app, env, log)
                : ArtifactProcess.start(List.of(), List.of("-jar", app.resolve("quarkus-run.jar").toString()), app, env, log)) {
            long ready = p.awaitPort(port, Duration.ofSeconds(60));
            HttpResponse<String> r = http.send(request(URI.create("http://127.0.0.1:" + port + "/publish-program"),
                    event(engine)), HttpResponse.BodyHandlers.ofString());
            long answered = p.millisSinceStart();
            check(form, r, p);
            long[] mem = p.residentMiB();
            return new Sample(ready, answered, mem[0], mem[1]);
        }
    }

    static Sample lambda(LambdaTemplate.Function function, Path taskRoot, Map<String, String> config,
            HasuraStandIn engine, HttpClient http, Path logs) throws Exception {
        try (LambdaRun run = LambdaRun.start(function, taskRoot, config,
                logs.resolve("lambda-" + System.nanoTime() + ".log"))) {
            HttpResponse<String> r = http.send(request(URI.create(run.url().url()), event(engine)),
                    HttpResponse.BodyHandlers.ofString());
            long answered = run.process().millisSinceStart();
            long ready = run.process().millisAt(run.url().awaitFirstPoll(1));
            check("lambda", r, run.process());
            long[] mem = run.process().residentMiB();
            return new Sample(ready, answered, mem[0], mem[1]);
        }
    }

    static String event(HasuraStandIn engine) {
        UUID programId = UUID.randomUUID();
        UUID coach = UUID.randomUUID();
        engine.addProgram(programId, HasuraStandIn.program(programId, "Cold Start", "<p>Go.</p>",
                HasuraStandIn.assetRef(UUID.randomUUID(), "bench/cover.jpg", "image/jpeg"),
                List.of(HasuraStandIn.session(0, "Day 1", null, HasuraStandIn.exercise(0, "Squat", "<p>Down</p>", null)))));
        return HasuraPayloads.publishProgramInsert(engine.addIntent(programId, coach), programId, coach, 0, 5);
    }

    static HttpRequest request(URI uri, String body) {
        return HttpRequest.newBuilder(uri).header("content-type", "application/json")
                .header("X-Threefactor-Caller-Secret", CALLER).timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static void check(String form, HttpResponse<String> r, ArtifactProcess p) throws Exception {
        JsonNode body = JSON.readTree(r.body());
        if (r.statusCode() != 200 || !body.path("status").asText().equals("published")) {
            throw new IllegalStateException(form + ": " + r.statusCode() + " " + r.body() + "; see " + p.log());
        }
    }

    static String row(String form, String artifact, long bytes, List<Sample> samples) {
        return String.format(Locale.ROOT, "| %s | `%s` | %.1f MB | %d ms | %d ms | %d MiB | %d MiB |", form, artifact,
                bytes / 1e6, median(samples.stream().mapToLong(Sample::readyMs).toArray()),
                median(samples.stream().mapToLong(Sample::firstAnswerMs).toArray()),
                median(samples.stream().mapToLong(Sample::rssMiB).toArray()),
                median(samples.stream().mapToLong(Sample::peakMiB).toArray()));
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static long size(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
