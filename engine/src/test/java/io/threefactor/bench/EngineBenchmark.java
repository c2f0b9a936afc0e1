package io.threefactor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Benchmark entry point (a main, not a test): starts the engine jar as a child process on a fresh database,
 * fills it with the deterministic dataset, checks that the engine and the hand-written SQL give the same answer
 * for each case, then drives both at the same fixed concurrency and prints throughput, latency and CPU. Besides
 * the read queries (engine vs SQL) there is a mutation (engine vs INSERT … RETURNING, plain and in a transaction
 * that sets hasura.user) and a query as the non-admin role coach vs as admin (the cost of permissions).
 * Run it with engine/bench.sh (see README, "Benchmarks").
 */
public final class EngineBenchmark {

    /** Requests compared before timing, spread over the id sequence. */
    private static final long[] VERIFY_REQUESTS = {0, 1, 2, 777};

    private final BenchOptions options;
    private final Report report = new Report(System.out);
    private final Vertx vertx = Vertx.vertx();

    private EngineBenchmark(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        int status;
        EngineBenchmark bench = new EngineBenchmark(options);
        try {
            status = bench.run();
        } finally {
            bench.vertx.close();
        }
        System.exit(status);
    }

    private int run() throws Exception {
        Dataset data = Dataset.ofScale(options.scale());
        String dbName = options.database().orElse("tf_bench_" + UUID.randomUUID().toString().substring(0, 8));
        BenchDatabase db = new BenchDatabase(vertx, options.pgHost(), options.pgPort(), dbName);
        report.line("threefactor engine benchmark, %s", Instant.now());
        report.line("machine: %d cores, %s %s, JDK %s, load average %s", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"),
                ProcessMetrics.loadAverage());
        report.line("engine jar %s; project %s", options.engineJar(), options.projectDir());
        if (!db.exists()) {
            db.create();
        }
        boolean allVerified = true;
        try (EngineProcess engine = EngineProcess.start(options, db.url(), Path.of("target", "bench").toAbsolutePath())) {
            long t0 = System.nanoTime();
            engine.awaitReady(Duration.ofMinutes(5));
            report.line("engine: pid %d on %s, ready in %.1f s (migrations, seeds, metadata); log %s", engine.pid(),
                    engine.baseUrl(), (System.nanoTime() - t0) / 1e9, engine.log());
            report.line("postgres: %s", db.query("SELECT version()", Tuple.tuple()).get(0).getString(0));
            loadDataset(db, data);
            report.line("load: %d in flight, warm-up %.0f s, measured %.0f s per run; engine pg pool %d, direct pg pool %d",
                    options.concurrency(), options.warmup().toMillis() / 1000.0, options.measure().toMillis() / 1000.0,
                    options.enginePool(), options.concurrency());
            report.line("engine RSS at rest: %.0f MiB; engine CPU so far %.1f s", ProcessMetrics.rssMiB(engine.pid()),
                    ProcessMetrics.cpuSeconds(engine.pid()));

            HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                            .setDefaultHost("127.0.0.1").setDefaultPort(engine.port()),
                    new io.vertx.core.http.PoolOptions().setHttp1MaxSize(options.concurrency()));
            Pool monitor = db.pool(1);
            List<BenchCase> cases = QueryCatalogue.cases(data, options.queries());
            for (BenchCase c : cases) {
                if (!c.setup().isEmpty()) {
                    db.runScript(c.setup(), Duration.ofMinutes(1));
                }
            }
            boolean[] verified = new boolean[cases.size()];
            Pool checkPool = db.pool(1);
            for (int i = 0; i < cases.size(); i++) {
                BenchCase c = cases.get(i);
                verified[i] = switch (c.kind()) {
                    case QUERY -> verify(http, engine.port(), checkPool, c.subject());
                    case ROLE -> verifyRole(http, engine.port(), checkPool, c);
                    case INSERT -> verifyInsert(http, engine.port(), checkPool, db, c);
                };
                allVerified &= verified[i];
            }
            checkPool.close();

            jvmWarmup(http, engine, cases);
            for (BenchCase c : cases) {
                cleanUp(db, c, false);
            }
            report.tableHeader();
            LoadDriver driver = new LoadDriver(vertx, options.concurrency(), options.warmup(), options.measure());
            cases:
            for (int i = 0; i < cases.size(); i++) {
                BenchCase c = cases.get(i);
                List<Report.Run> runs = new java.util.ArrayList<>();
                for (BenchCase.Side side : c.sides()) {
                    cleanUp(db, c, true);
                    Pool direct;
                    try {
                        direct = side.via() == BenchCase.Via.ENGINE ? null : db.openPool(options.concurrency());
                    } catch (IllegalStateException e) {
                        // The shared server stayed full: report the case as not measured and go on.
                        report.line("%-15s NOT MEASURED: %s", c.name(), e.getMessage());
                        cleanUp(db, c, false);
                        allVerified = false;
                        continue cases;
                    }
                    try {
                        runs.add(measure(driver, Targets.sender(side, http, engine.port(), direct), engine.pid(), db,
                                monitor));
                    } finally {
                        if (direct != null) {
                            direct.close();
                        }
                    }
                }
                cleanUp(db, c, true);
                report.add(new Report.CaseResult(c, verified[i], runs));
            }
            report.summary();
            report.line("");
            report.line("engine RSS after the runs: %.0f MiB; engine CPU total %.1f s", ProcessMetrics.rssMiB(engine.pid()),
                    ProcessMetrics.cpuSeconds(engine.pid()));
            http.close();
            monitor.close();
        } finally {
            if (options.keepDatabase()) {
                report.line("kept database %s (reuse it with --db %s)", dbName, dbName);
            } else {
                db.drop();
            }
        }
        return allVerified ? 0 : 1;
    }

    /**
     * A fresh JVM interprets before C2 compiles the hot path; on 2 busy cores that takes longer than a run's
     * warm-up. All queries round-robin against the engine once, so every run measures steady state.
     */
    private void jvmWarmup(HttpClient http, EngineProcess engine, List<BenchCase> cases) throws InterruptedException {
        if (options.jvmWarmup().isZero()) {
            return;
        }
        List<LoadDriver.Sender> senders = cases.stream().flatMap(c -> c.sides().stream())
                .filter(s -> s.via() == BenchCase.Via.ENGINE).map(BenchCase.Side::query).distinct()
                .map(q -> Targets.engine(http, engine.port(), q)).toList();
        double cpu0 = ProcessMetrics.cpuSeconds(engine.pid());
        LoadDriver.Result r = new LoadDriver(vertx, options.concurrency(), Duration.ZERO, options.jvmWarmup())
                .run(k -> senders.get((int) (k % senders.size())).apply(k / senders.size()), () -> { }, () -> { });
        report.line("JVM warm-up: %.0f s, all queries round-robin, %.0f req/s, %d errors, engine CPU %.1f s",
                options.jvmWarmup().toMillis() / 1000.0, r.throughput(), r.errors(),
                ProcessMetrics.cpuSeconds(engine.pid()) - cpu0);
        if (r.firstError() != null) {
            report.line("JVM warm-up first error: %s", r.firstError());
        }
    }

    /**
     * Deletes what a case wrote; with {@code vacuum}, also VACUUM (ANALYZE) the tables it wrote and CHECKPOINT, so
     * each run starts from the same table, index and WAL state and the readers' statistics stay the dataset's.
     */
    private static void cleanUp(BenchDatabase db, BenchCase c, boolean vacuum) {
        if (c.cleanup().isEmpty()) {
            return;
        }
        List<String> statements = new java.util.ArrayList<>(c.cleanup());
        if (vacuum) {
            statements.addAll(c.vacuum());
        }
        db.runScript(statements, Duration.ofMinutes(10));
    }

    private void loadDataset(BenchDatabase db, Dataset data) {
        long present = db.query(data.presenceQuery(), Tuple.tuple()).get(0).getLong(0);
        String shape = String.format("%,d coaches, %,d programs, %,d sessions, %,d exercises (scale %s)",
                data.coaches(), data.programs(), data.sessions(), data.exercises(), options.scale());
        if (present == data.coaches()) {
            report.line("dataset: %s, already in %s", shape, db.name);
            return;
        }
        if (present != 0) {
            throw new IllegalStateException(db.name + " holds another scale's dataset (" + present
                    + " coaches); use another --db");
        }
        long t0 = System.nanoTime();
        db.runScript(data.statements(), Duration.ofMinutes(30));
        report.line("dataset: %s, generated in %.1f s", shape, (System.nanoTime() - t0) / 1e9);
    }

    /** Compares the engine's data with the SQL's for a few requests; prints a MISMATCH with everything needed. */
    private boolean verify(HttpClient http, int port, Pool pool, BenchQuery q) {
        for (long k : VERIFY_REQUESTS) {
            String engineText;
            String sqlText;
            try {
                engineText = BenchDatabase.await(Targets.engineText(http, port, q, k), Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                return mismatch(q, k, "the engine failed: " + e.getMessage(), null, null);
            }
            sqlText = BenchDatabase.await(Targets.sqlText(pool, q, k), Duration.ofSeconds(30));
            JsonNode engineData = JsonComparison.parse(engineText).get("data");
            JsonNode sqlData = JsonComparison.parse(sqlText);
            Optional<String> diff = JsonComparison.difference(engineData, sqlData);
            if (diff.isPresent()) {
                return mismatch(q, k, diff.get(), engineText, sqlText);
            }
        }
        report.line("verified %-15s engine answer = SQL answer for %d requests", q.name(), VERIFY_REQUESTS.length);
        return true;
    }

    /**
     * The role's answers equal admin's and the SQL's for the coach's own rows (the query asks for the coach's
     * programs, as that coach), and a coach asking for another coach's programs gets none, so the row filter is
     * really in the timed statement.
     */
    private boolean verifyRole(HttpClient http, int port, Pool pool, BenchCase c) {
        BenchQuery role = c.sides().get(0).query();
        BenchQuery admin = c.sides().get(1).query();
        for (long k : VERIFY_REQUESTS) {
            String roleText;
            String adminText;
            try {
                roleText = BenchDatabase.await(Targets.engineText(http, port, role, k), Duration.ofSeconds(30));
                adminText = BenchDatabase.await(Targets.engineText(http, port, admin, k), Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                return mismatch(role, k, "the engine failed: " + e.getMessage(), null, null);
            }
            String sqlText = BenchDatabase.await(Targets.sqlText(pool, admin, k), Duration.ofSeconds(30));
            JsonNode roleData = JsonComparison.parse(roleText).get("data");
            Optional<String> diff = JsonComparison.difference(roleData, JsonComparison.parse(adminText).get("data"));
            if (diff.isPresent()) {
                return mismatch(role, k, "role vs admin: " + diff.get(), roleText, adminText);
            }
            diff = JsonComparison.difference(roleData, JsonComparison.parse(sqlText));
            if (diff.isPresent()) {
                return mismatch(role, k, "role vs SQL: " + diff.get(), roleText, sqlText);
            }
            if (roleData.findValues("id").isEmpty()) {
                return mismatch(role, k, "the coach's own programs came back empty: nothing to compare", roleText,
                        sqlText);
            }
        }
        // Another coach's id in the variables, this coach in the headers: the row filter must leave nothing.
        Map<String, String> foreign = role.params().apply(1).headers();
        BenchQuery other = role.withHeaders(role.name(), role.description(), k -> foreign);
        String otherText;
        try {
            otherText = BenchDatabase.await(Targets.engineText(http, port, other, 0), Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            return mismatch(other, 0, "the engine failed: " + e.getMessage(), null, null);
        }
        JsonNode otherData = JsonComparison.parse(otherText).get("data");
        Optional<String> diff = JsonComparison.difference(otherData, JsonComparison.parse("{\"program\":[]}"));
        if (diff.isPresent()) {
            return mismatch(other, 0, "another coach's programs are visible: " + diff.get() + " (headers "
                    + foreign + ")", otherText, "{\"program\":[]}");
        }
        report.line("verified %-15s %s answer = %s answer = SQL answer for %d requests; another coach's rows hidden",
                c.name(), c.sides().get(0).label(), c.sides().get(1).label(), VERIFY_REQUESTS.length);
        return true;
    }

    /**
     * A mutation's answers differ only in the generated id: the engine's row is read back from the table (it was
     * committed, and its answer is the row's, id included); the SQL's answers (plain and in a transaction) equal
     * the engine's once the ids, both present, are set aside. The rows are deleted after each check.
     */
    private boolean verifyInsert(HttpClient http, int port, Pool pool, BenchDatabase db, BenchCase c) {
        BenchQuery q = c.subject();
        cleanUp(db, c, false);
        try {
            for (long k : VERIFY_REQUESTS) {
                String engineText;
                try {
                    engineText = BenchDatabase.await(Targets.engineText(http, port, q, k), Duration.ofSeconds(30));
                } catch (RuntimeException e) {
                    return mismatch(q, k, "the engine failed: " + e.getMessage(), null, null);
                }
                JsonNode engineData = JsonComparison.parse(engineText).get("data");
                JsonNode id = engineData.path("insert_exercise_one").path("id");
                if (!id.isTextual()) {
                    return mismatch(q, k, "no id in the engine's answer", engineText, "");
                }
                String stored = BenchDatabase.await(pool.preparedQuery(QueryCatalogue.INSERT_READ_BACK)
                        .execute(Tuple.of(java.util.UUID.fromString(id.asText())))
                        .map(rows -> rows.size() == 1 ? rows.iterator().next().getString(0) : "null"), Duration.ofSeconds(30));
                Optional<String> diff = JsonComparison.difference(engineData, JsonComparison.parse(stored));
                if (diff.isPresent()) {
                    return mismatch(q, k, "engine answer vs the row in the table: " + diff.get(), engineText, stored);
                }
                cleanUp(db, c, false);
                for (BenchCase.Side side : c.sides()) {
                    if (side.via() == BenchCase.Via.ENGINE) {
                        continue;
                    }
                    String sqlText = BenchDatabase.await(Targets.sender(side, http, port, pool).apply(k)
                            .map(String.class::cast), Duration.ofSeconds(30));
                    cleanUp(db, c, false);
                    JsonNode sqlData = JsonComparison.parse(sqlText);
                    JsonNode sqlId = sqlData.path("insert_exercise_one").path("id");
                    if (!sqlId.isTextual()) {
                        return mismatch(q, k, "no id in the " + side.label() + " answer", engineText, sqlText);
                    }
                    ((com.fasterxml.jackson.databind.node.ObjectNode) sqlData.get("insert_exercise_one"))
                            .set("id", id);
                    diff = JsonComparison.difference(engineData, sqlData);
                    if (diff.isPresent()) {
                        return mismatch(q, k, "engine vs " + side.label() + " (ids set aside): " + diff.get(),
                                engineText, sqlText);
                    }
                }
            }
        } finally {
            cleanUp(db, c, false);
        }
        report.line("verified %-15s engine answer = row read back = SQL answer (ids aside) for %d requests", c.name(),
                VERIFY_REQUESTS.length);
        return true;
    }

    private boolean mismatch(BenchQuery q, long k, String what, String engineText, String sqlText) {
        report.line("");
        report.line("MISMATCH in %s (request %d): %s", q.name(), k, what);
        report.line("GraphQL:\n%s\nvariables: %s", q.graphql(), q.params().apply(k).variablesJson());
        if (!q.params().apply(k).headers().isEmpty()) {
            report.line("headers: %s", q.params().apply(k).headers());
        }
        report.line("SQL:\n%s\nargs: %s", q.sql(), q.params().apply(k).sqlArgs().deepToString());
        if (engineText != null) {
            report.line("engine: %s", JsonComparison.abbreviate(engineText, 1500));
            report.line("sql:    %s", JsonComparison.abbreviate(sqlText, 1500));
        }
        report.line("");
        return false;
    }

    /** One load run with the CPU that the engine, its Postgres backends and this driver used in the window. */
    private Report.Run measure(LoadDriver driver, LoadDriver.Sender sender, long enginePid, BenchDatabase db,
                               Pool monitor) throws InterruptedException {
        long self = ProcessHandle.current().pid();
        double[] start = new double[4];
        long[] machine = new long[2];
        List<List<Long>> backends = new java.util.ArrayList<>();
        double[] end = new double[4];
        long[] machineEnd = new long[2];
        LoadDriver.Result result = driver.run(sender, () -> {
            // Connections are all open after warm-up: these are the backends doing this run's work.
            backends.add(db.backendPids(monitor));
            start[0] = ProcessMetrics.cpuSeconds(enginePid);
            start[1] = ProcessMetrics.cpuSeconds(backends.get(0));
            start[2] = ProcessMetrics.cpuSeconds(self);
            start[3] = ProcessMetrics.machineBusySeconds();
            System.arraycopy(ProcessMetrics.machineTicks(), 0, machine, 0, 2);
        }, () -> {
            end[0] = ProcessMetrics.cpuSeconds(enginePid);
            end[1] = ProcessMetrics.cpuSeconds(backends.get(0));
            end[2] = ProcessMetrics.cpuSeconds(self);
            end[3] = ProcessMetrics.machineBusySeconds();
            System.arraycopy(ProcessMetrics.machineTicks(), 0, machineEnd, 0, 2);
        });
        double busy = machineEnd[1] == machine[1] ? 0
                : (double) (machineEnd[0] - machine[0]) / (machineEnd[1] - machine[1]);
        double engine = end[0] - start[0];
        double pg = end[1] - start[1];
        double driverCpu = end[2] - start[2];
        double other = Math.max(0, end[3] - start[3] - engine - pg - driverCpu);
        return new Report.Run(result, engine, pg, driverCpu, other, busy);
    }
}
