package io.threefactor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Subscriptions at scale: N = 100, 1,000, 10,000 live queries ({@code watch_by_pk(id: $id)}, each subscriber its
 * own row, so N cohorts) over graphql-transport-ws from this process to a separately started engine jar. Rows are
 * changed in rounds; for every subscriber of a changed row it measures change-commit → push latency and whether the
 * push came at all (share served), plus the engine's CPU at rest and under change and its heap after GC. The same
 * run is repeated against an engine that only polls every second (change triggers off: Hasura's default model).
 * Not a test: run with {@code engine/bench-subscriptions.sh} (see README, Benchmarks → Subscriptions).
 */
public final class SubscriptionBenchmark {

    static final String USAGE = """
            SubscriptionBenchmark: live-query push latency, share served, CPU and heap at N subscriptions.
              --subscribers a,b,c  levels (default 100,1000,10000)
              --rounds R           change rounds per level (default 20)
              --rows-per-round K   rows changed per round (default 10)
              --interval MS        time between rounds (default 500)
              --settle S           seconds between the last first result and the rest window, so that the
                                   JIT compilation the subscribe burst set off is over (default 20)
              --rest S             seconds of CPU measured at rest per level (default 30: one safety-net
                                   interval of trigger-covered live queries)
              --modes m,n          notify (change-driven) and/or poll (1 s fallback only) (default notify,poll)
              --pg-host H --pg-port P   PostgreSQL (default 127.0.0.1:5432, user postgres, trust)
              --engine-jar PATH    default engine/target/quarkus-app/quarkus-run.jar
              --engine-jvm ARGS    extra JVM options for the engine process, space separated
            """;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUERY = "subscription ($id: Int!) { watch_by_pk(id: $id) { id seq } }";

    private final Vertx vertx;
    private final WebSocketClient client;
    private final Options o;

    private SubscriptionBenchmark(Options o) {
        this.o = o;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)
                .setConnectTimeout(30_000));
    }

    record Options(List<Integer> levels, int rounds, int rowsPerRound, long intervalMs, long settleSeconds, long restSeconds,
                   List<String> modes, String pgHost, int pgPort, Path engineJar, List<String> engineJvm) {

        static Options parse(String[] args) {
            List<Integer> levels = List.of(100, 1000, 10000);
            int rounds = 20;
            int rows = 10;
            long interval = 500;
            long settle = 20;
            long rest = 30;
            List<String> modes = List.of("notify", "poll");
            String host = "127.0.0.1";
            int port = 5432;
            Path jar = null;
            List<String> jvm = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--subscribers" -> levels = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--rows-per-round" -> rows = Integer.parseInt(args[++i]);
                    case "--interval" -> interval = Long.parseLong(args[++i]);
                    case "--settle" -> settle = Long.parseLong(args[++i]);
                    case "--rest" -> rest = Long.parseLong(args[++i]);
                    case "--modes" -> modes = List.of(args[++i].split(","));
                    case "--pg-host" -> host = args[++i];
                    case "--pg-port" -> port = Integer.parseInt(args[++i]);
                    case "--engine-jar" -> jar = Path.of(args[++i]).toAbsolutePath();
                    case "--engine-jvm" -> jvm.addAll(List.of(args[++i].trim().split("\\s+")));
                    case "-h", "--help" -> {
                        System.out.print(USAGE);
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
                }
            }
            if (jar == null) {
                jar = findUp("engine/target/quarkus-app/quarkus-run.jar");
            }
            return new Options(levels, rounds, rows, interval, settle, rest, modes, host, port, jar, jvm);
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        SubscriptionBenchmark bench = new SubscriptionBenchmark(o);
        try {
            bench.run();
        } finally {
            bench.vertx.close();
        }
        System.exit(0);
    }

    record Result(String mode, int subscribers, int connected, double subscribeSeconds, long expected, long received,
                  long p50Micros, long p99Micros, long maxMicros, double cpuRestPct, double cpuChangePct,
                  double heapMiB, double heapPerSubKiB, double rssMiB) { }

    private void run() throws Exception {
        int maxRows = o.levels().stream().mapToInt(Integer::intValue).max().orElse(100);
        String name = "tf_subbench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        BenchDatabase db = new BenchDatabase(vertx, o.pgHost(), o.pgPort(), name);
        Path work = Files.createTempDirectory("tf-subbench");
        Path project = writeProject(work.resolve("project"), maxRows);
        db.create();
        List<Result> results = new ArrayList<>();
        System.out.printf(Locale.ROOT, "SubscriptionBenchmark: levels %s, %d rounds x %d rows every %d ms, database %s, %d cores, load %s%n",
                o.levels(), o.rounds(), o.rowsPerRound(), o.intervalMs(), name, Runtime.getRuntime().availableProcessors(),
                ProcessMetrics.loadAverage());
        try {
            Pool pool = db.pool(2);
            for (String mode : o.modes()) {
                List<String> jvm = new ArrayList<>(o.engineJvm());
                if (mode.equals("poll")) {
                    jvm.add("-Dthreefactor.subscriptions.change-triggers=false");
                    jvm.add("-Dthreefactor.subscriptions.fallback-interval=1s");
                    // triggers installed by the notify run must not help the poll run
                    for (String trigger : List.of("threefactor_notify_change", "threefactor_notify_insert",
                            "threefactor_notify_update", "threefactor_notify_delete", "threefactor_notify_truncate")) {
                        BenchDatabase.await(pool.query("DROP TRIGGER IF EXISTS " + trigger + " ON watch").execute(),
                                Duration.ofSeconds(30));
                    }
                }
                BenchOptions engineOptions = new BenchOptions(1, 16, Duration.ZERO, Duration.ZERO, Duration.ZERO, 16,
                        List.of(), Optional.of(name), true, o.pgHost(), o.pgPort(), o.engineJar(), project, jvm);
                try (EngineProcess engine = EngineProcess.start(engineOptions, db.url(), work.resolve(mode))) {
                    engine.awaitReady(Duration.ofMinutes(2));
                    Thread.sleep(2000);
                    double heap0 = heapAfterGc(engine.pid());
                    System.out.printf(Locale.ROOT, "[%s] engine up (pid %d), heap after GC with no subscriptions %.1f MiB%n",
                            mode, engine.pid(), heap0);
                    for (int n : o.levels()) {
                        Result r = level(mode, n, engine, pool, heap0);
                        results.add(r);
                        print(r);
                    }
                }
            }
            pool.close();
        } finally {
            db.drop();
        }
        System.out.println();
        System.out.println("mode    subs   connected  subscribe_s  served    p50_ms   p99_ms   max_ms  cpu_rest%  cpu_change%  heap_MiB  heap/sub_KiB  rss_MiB");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-6s %6d %10d %12.1f %6.1f%% %9.1f %8.1f %8.1f %10.1f %12.1f %9.1f %13.2f %8.0f%n",
                    r.mode(), r.subscribers(), r.connected(), r.subscribeSeconds(),
                    r.expected() == 0 ? 0 : 100.0 * r.received() / r.expected(),
                    r.p50Micros() / 1000.0, r.p99Micros() / 1000.0, r.maxMicros() / 1000.0, r.cpuRestPct(),
                    r.cpuChangePct(), r.heapMiB(), r.heapPerSubKiB(), r.rssMiB());
        }
    }

    private static void print(Result r) {
        System.out.printf(Locale.ROOT, "[%s] N=%d: connected %d in %.1f s; served %d/%d; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; "
                        + "CPU at rest %.1f%%, under change %.1f%%; heap %.1f MiB (%.2f KiB per subscription), RSS %.0f MiB%n",
                r.mode(), r.subscribers(), r.connected(), r.subscribeSeconds(), r.received(), r.expected(),
                r.p50Micros() / 1000.0, r.p99Micros() / 1000.0, r.maxMicros() / 1000.0, r.cpuRestPct(), r.cpuChangePct(),
                r.heapMiB(), r.heapPerSubKiB(), r.rssMiB());
    }

    /** One level: N subscribers, rest, change rounds, close. */
    private Result level(String mode, int n, EngineProcess engine, Pool pool, double heap0) throws Exception {
        BenchDatabase.await(pool.query("UPDATE watch SET seq = 0 WHERE seq <> 0").execute(), Duration.ofSeconds(60));
        // seq of the latest round per row, and its commit time
        long[] roundCommit = new long[o.rounds() + 1];
        Latencies latencies = new Latencies();
        java.util.Queue<long[]> arrivals = new java.util.concurrent.ConcurrentLinkedQueue<>();
        AtomicLong received = new AtomicLong();
        CountDownLatch firstResults = new CountDownLatch(n);
        List<WebSocket> sockets = new ArrayList<>();
        Semaphore handshakes = new Semaphore(200);
        long start = System.nanoTime();
        AtomicInteger connected = new AtomicInteger();
        for (int i = 0; i < n; i++) {
            int row = i + 1;
            handshakes.acquire();
            WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(engine.port())
                    .setURI("/v1/graphql").addSubProtocol("graphql-transport-ws");
            boolean[] first = {true};
            client.connect(options).onComplete(ar -> {
                handshakes.release();
                if (ar.failed()) {
                    firstResults.countDown();
                    return;
                }
                WebSocket ws = ar.result();
                connected.incrementAndGet();
                synchronized (sockets) {
                    sockets.add(ws);
                }
                ws.textMessageHandler(text -> {
                    long now = System.nanoTime();
                    if (text.contains("\"connection_ack\"")) {
                        ws.writeTextMessage("{\"type\":\"subscribe\",\"id\":\"1\",\"payload\":{\"query\":\"" + QUERY
                                + "\",\"variables\":{\"id\":" + row + "}}}");
                    } else if (text.contains("\"next\"")) {
                        if (first[0]) {
                            first[0] = false;
                            firstResults.countDown();
                            return;
                        }
                        int seq = seqOf(text);
                        if (seq > 0 && seq < roundCommit.length) {
                            received.incrementAndGet();
                            // the push may arrive before the UPDATE's own acknowledgement is processed here
                            arrivals.add(new long[]{seq, now});
                        }
                    } else if (text.contains("\"ping\"")) {
                        ws.writeTextMessage("{\"type\":\"pong\"}");
                    }
                });
                ws.writeTextMessage("{\"type\":\"connection_init\",\"payload\":{}}");
            });
        }
        boolean all = firstResults.await(5, TimeUnit.MINUTES);
        double subscribeSeconds = (System.nanoTime() - start) / 1e9;
        if (!all) {
            System.out.printf("[%s] N=%d: only %d first results after 5 minutes%n", mode, n, n - firstResults.getCount());
        }
        Thread.sleep(o.settleSeconds() * 1000);

        long pid = engine.pid();
        double cpu0 = ProcessMetrics.cpuSeconds(pid);
        long t0 = System.nanoTime();
        Thread.sleep(o.restSeconds() * 1000);
        double cpuRest = 100 * (ProcessMetrics.cpuSeconds(pid) - cpu0) / ((System.nanoTime() - t0) / 1e9);
        double heap = heapAfterGc(pid);
        double rss = ProcessMetrics.rssMiB(pid);

        long expected = 0;
        cpu0 = ProcessMetrics.cpuSeconds(pid);
        t0 = System.nanoTime();
        int rowsPerRound = Math.min(o.rowsPerRound(), n);
        for (int round = 1; round <= o.rounds(); round++) {
            // distinct rows round after round (a row changes again only after n / K rounds), so no push is
            // legitimately superseded by a newer change of the same row
            Integer[] ids = new Integer[rowsPerRound];
            for (int j = 0; j < rowsPerRound; j++) {
                ids[j] = (int) (((long) (round - 1) * rowsPerRound + j) % n) + 1;
            }
            BenchDatabase.await(pool.preparedQuery("UPDATE watch SET seq = $1 WHERE id = ANY($2)")
                    .execute(Tuple.of(round).addArrayOfInteger(ids)), Duration.ofSeconds(30));
            roundCommit[round] = System.nanoTime(); // the commit as its client sees it
            expected += rowsPerRound;
            Thread.sleep(o.intervalMs());
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (received.get() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        double cpuChange = 100 * (ProcessMetrics.cpuSeconds(pid) - cpu0) / ((System.nanoTime() - t0) / 1e9);

        List<Future<Void>> closing = new ArrayList<>();
        synchronized (sockets) {
            sockets.forEach(ws -> closing.add(ws.close()));
        }
        BenchDatabase.await(Future.join(closing).otherwiseEmpty(), Duration.ofMinutes(2));
        Thread.sleep(2000);
        for (long[] a : arrivals) {
            long commit = roundCommit[(int) a[0]];
            if (commit != 0) {
                latencies.add(Math.max(0, a[1] - commit));
            }
        }
        Latencies.Summary s = Latencies.summarise(List.of(latencies));
        return new Result(mode, n, connected.get(), subscribeSeconds, expected, received.get(), s.p50Nanos() / 1000,
                s.p99Nanos() / 1000, s.maxNanos() / 1000, cpuRest, cpuChange, heap,
                (heap - heap0) * 1024 / n, rss);
    }

    private static int seqOf(String text) {
        int at = text.indexOf("\"seq\"");
        if (at < 0) {
            return -1;
        }
        int i = at + 5;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == ':')) {
            i++;
        }
        int v = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            v = v * 10 + (text.charAt(i++) - '0');
        }
        return v;
    }

    /** Heap in use after a full GC, in MiB, from {@code jcmd GC.heap_info}. */
    private static double heapAfterGc(long pid) {
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            run(jcmd.toString(), Long.toString(pid), "GC.run");
            String info = run(jcmd.toString(), Long.toString(pid), "GC.heap_info");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
            long usedK = 0;
            if (m.find()) {
                usedK = Long.parseLong(m.group(1));
            }
            return usedK / 1024.0;
        } catch (Exception e) {
            return -1;
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    /** A Hasura CLI project with one tracked table, {@code watch(id, seq)}, filled with {@code rows} rows. */
    private static Path writeProject(Path dir, int rows) throws IOException {
        Path migration = dir.resolve("migrations/default/1700000000000_watch");
        Files.createDirectories(migration);
        Files.writeString(migration.resolve("up.sql"), """
                CREATE TABLE watch (id integer PRIMARY KEY, seq bigint NOT NULL DEFAULT 0);
                INSERT INTO watch (id) SELECT g FROM generate_series(1, %d) g;
                """.formatted(rows));
        Path tables = dir.resolve("metadata/databases/default/tables");
        Files.createDirectories(tables);
        Files.writeString(dir.resolve("metadata/version.yaml"), "version: 3\n");
        Files.writeString(dir.resolve("metadata/databases/databases.yaml"), """
                - name: default
                  kind: postgres
                  configuration:
                    connection_info:
                      database_url:
                        from_env: HASURA_GRAPHQL_DATABASE_URL
                  tables: "!include default/tables/tables.yaml"
                """);
        Files.writeString(tables.resolve("tables.yaml"), "- \"!include public_watch.yaml\"\n");
        Files.writeString(tables.resolve("public_watch.yaml"), """
                table:
                  name: watch
                  schema: public
                """);
        return dir;
    }

    private static Path findUp(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " not found; build the engine first or pass --engine-jar");
    }
}
