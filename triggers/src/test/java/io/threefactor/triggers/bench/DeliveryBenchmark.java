package io.threefactor.triggers.bench;

import io.threefactor.triggers.EventTriggers;
import io.threefactor.triggers.TriggersConfig;
import io.threefactor.triggers.definition.EventTriggerDefinition;
import io.threefactor.triggers.definition.OperationSpec;
import io.threefactor.triggers.definition.QualifiedTable;
import io.threefactor.triggers.definition.Target;
import io.threefactor.triggers.support.TestDatabase;
import io.threefactor.triggers.target.MessageChannel;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.threefactor.triggers.support.Await.await;

/**
 * Insert-commit to webhook-arrival latency and throughput of event delivery, against the physical limit: the same
 * INSERTs with a row trigger that NOTIFYs a LISTENing client directly. Everything on loopback; about 1.5 minutes.
 * <p>
 * Run: {@code ./mvnw -q -pl triggers test-compile exec:java} (see the README); argument: delivered rows to preload
 * for the "large table" phase (default 1,000,000).
 * <p>
 * Latency is measured from the database clock when the row is written (just before its autocommit commit) to the
 * wall clock at arrival in the receiver (same machine, same clock), so it includes the commit; the baseline is
 * measured the same way.
 */
public final class DeliveryBenchmark {
    private static final int RATE = 1_000;
    private static final int FIXED_RATE_SECONDS = 10;
    private static final int BURST_EVENTS = 20_000;
    private static final int MAX_INSERTS_IN_FLIGHT = 64;
    private static final int WARM_UP_EVENTS = 5_000;
    private static final int DRAIN_ROUNDS = 3;
    private static final int ROWS_PER_BATCHED_INSERT = 10;
    /**
     * The inserting application commits with synchronous_commit=off unless -Dbench.syncCommit=true: on a shared
     * machine the WAL flush (a few ms, a few hundred commits/s) otherwise dominates, and it is the same for the engine
     * and the baseline. The deliverer's own bookkeeping always uses synchronous_commit=off.
     */
    private static final boolean SYNC_COMMIT = Boolean.getBoolean("bench.syncCommit");

    private final Vertx vertx;
    private final Pool inserts;

    private DeliveryBenchmark(Vertx vertx, Pool inserts) {
        this.vertx = vertx;
        this.inserts = inserts;
    }

    public static void main(String[] args) {
        int preloadRows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Vertx vertx = Vertx.vertx();
        TestDatabase db = TestDatabase.create(vertx, "bench");
        io.vertx.pgclient.PgConnectOptions insertOptions = db.options();
        if (!SYNC_COMMIT) {
            insertOptions.addProperty("synchronous_commit", "off");
        }
        Pool inserts = TestDatabase.pool(vertx, insertOptions, 16);
        Pool enginePool = db.pool(vertx, 8);
        try {
            new DeliveryBenchmark(vertx, inserts).run(db, enginePool, preloadRows);
        } finally {
            await(inserts.close());
            await(enginePool.close());
            await(db.drop(vertx));
            await(vertx.close());
        }
    }

    private void run(TestDatabase db, Pool enginePool, int preloadRows) {
        // written_us: the database clock when the row is written, just before its (autocommit) commit.
        String columns = " (id bigserial PRIMARY KEY, note text, "
                + "written_us bigint NOT NULL DEFAULT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)";
        sql("CREATE TABLE bench_events" + columns);
        sql("CREATE TABLE bench_baseline" + columns);
        sql("""
                CREATE FUNCTION bench_notify() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_notify('bench_baseline', NEW.id || ':' || NEW.written_us); RETURN NEW; END $$
                """);
        sql("CREATE TRIGGER bench_notify AFTER INSERT ON bench_baseline FOR EACH ROW EXECUTE PROCEDURE bench_notify()");

        // Engine: a webhook receiver and the event trigger subsystem.
        Recorder engine = new Recorder();
        HttpServer receiver = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setTcpNoDelay(true));
        receiver.requestHandler(req -> req.body().onSuccess(body -> {
            long now = nowMicros();
            JsonObject row = body.toJsonObject().getJsonObject("event").getJsonObject("data").getJsonObject("new");
            engine.arrived(row.getLong("id"), row.getLong("written_us"), now);
            req.response().end();
        }));
        await(receiver.listen());
        TriggersConfig config = TriggersConfig.builder().leaseDuration(Duration.ofSeconds(30)).build();
        EventTriggers triggers = new EventTriggers(vertx, enginePool, db.options(), config, MessageChannel.NONE, null);
        await(triggers.ensureSchema());
        EventTriggerDefinition definition = EventTriggerDefinition.builder("bench_insert",
                        new QualifiedTable("public", "bench_events"),
                        new Target.WebhookUrl("http://127.0.0.1:" + receiver.actualPort() + "/hook"))
                .insert(OperationSpec.allColumns()).build();
        await(triggers.install(definition));
        await(triggers.start());

        // Baseline: INSERT + NOTIFY + a LISTENing client.
        Recorder baseline = new Recorder();
        PgSubscriber subscriber = PgSubscriber.subscriber(vertx, db.options());
        Promise<Void> listening = Promise.promise();
        subscriber.channel("bench_baseline").subscribeHandler(v -> listening.tryComplete()).handler(payload -> {
            long now = nowMicros();
            String[] parts = payload.split(":");
            baseline.arrived(Long.parseLong(parts[0]), Long.parseLong(parts[1]), now);
        });
        await(subscriber.connect());
        await(listening.future());

        System.out.printf("threefactor event delivery benchmark: %d cores, PostgreSQL on %s, loopback receiver, "
                + "inserts with synchronous_commit=%s%n", Runtime.getRuntime().availableProcessors(), TestDatabase.HOST,
                SYNC_COMMIT ? "on" : "off");
        System.out.println("load average at start: " + loadAverage());
        warmUp("bench_events", engine);
        warmUp("bench_baseline", baseline);

        // Full speed first: it also finishes warming up the JIT before the latency phases.
        Phase engineBurst = fullSpeed("bench_events", engine, 1);
        Phase baselineBurst = fullSpeed("bench_baseline", baseline, 1);
        Phase engineBatched = fullSpeed("bench_events", engine, ROWS_PER_BATCHED_INSERT);
        Phase baselineBatched = fullSpeed("bench_baseline", baseline, ROWS_PER_BATCHED_INSERT);
        Phase engineFixed = fixedRate("bench_events", engine);
        Phase baselineFixed = fixedRate("bench_baseline", baseline);

        // Backlog drain: the engine's own ceiling, inserts not competing. Three rounds, as other processes on a
        // shared machine swing any single one; CPU per event (this JVM: deliverer and receiver; the database's
        // backends) says what the drain costs whatever the load.
        double[] drainRates = new double[DRAIN_ROUNDS];
        long drainLost = 0;
        CpuSample drainCpu = CpuSample.ZERO;
        for (int round = 0; round < DRAIN_ROUNDS; round++) {
            await(triggers.stop());
            engine.reset();
            insertBulk("bench_events", BURST_EVENTS);
            sql("VACUUM hdb_catalog.event_log");
            CpuSample before = cpu(db);
            long drainStart = System.nanoTime();
            await(triggers.start());
            engine.awaitCount(BURST_EVENTS, 60);
            drainRates[round] = BURST_EVENTS / ((engine.lastArrivalNanos.get() - drainStart) / 1e9);
            drainCpu = drainCpu.plus(cpu(db).minus(before));
            drainLost += BURST_EVENTS - engine.distinct();
        }
        double[] sortedRates = drainRates.clone();
        Arrays.sort(sortedRates);
        printDeliveryStats(triggers);

        System.out.printf("%nPreloading %,d delivered events into hdb_catalog.event_log ...%n", preloadRows);
        long preloadStart = System.nanoTime();
        sql("INSERT INTO hdb_catalog.event_log (schema_name, table_name, trigger_name, payload, delivered, created_at) "
                + "SELECT 'public', 'bench_events', 'bench_insert', '{}', true, now() - interval '1 day' "
                + "FROM generate_series(1, " + preloadRows + ")");
        sql("VACUUM ANALYZE hdb_catalog.event_log");
        System.out.printf("  (%.1f s)%n", (System.nanoTime() - preloadStart) / 1e9);
        String plan = explainClaim();
        ClaimStats claimsBefore = ClaimStats.of(triggers);
        Phase engineFixedLarge = fixedRate("bench_events", engine);
        ClaimStats claimsLarge = ClaimStats.of(triggers).minus(claimsBefore);

        System.out.println();
        System.out.printf("%-44s %16s %16s %8s%n", "", "engine(webhook)", "INSERT+LISTEN", "ratio");
        row("latency p50 at 1,000 events/s (ms)", engineFixed.p50(), baselineFixed.p50());
        row("latency p99 at 1,000 events/s (ms)", engineFixed.p99(), baselineFixed.p99());
        row("late (> 20 s) / duplicates at 1,000 events/s", engineFixed.lost() + " / " + engineFixed.duplicates(),
                baselineFixed.lost() + " / " + baselineFixed.duplicates());
        row("full-speed inserts: inserted events/s", engineBurst.insertRate(), baselineBurst.insertRate());
        row("full-speed inserts: delivered events/s", engineBurst.deliveryRate(), baselineBurst.deliveryRate());
        row("full-speed: latency p50 / p99 (ms)", fmt(engineBurst.p50()) + " / " + fmt(engineBurst.p99()),
                fmt(baselineBurst.p50()) + " / " + fmt(baselineBurst.p99()));
        row("late (> 20 s) / duplicates at full speed", engineBurst.lost() + " / " + engineBurst.duplicates(),
                baselineBurst.lost() + " / " + baselineBurst.duplicates());
        row("10-row INSERTs: inserted events/s", engineBatched.insertRate(), baselineBatched.insertRate());
        row("10-row INSERTs: delivered events/s", engineBatched.deliveryRate(), baselineBatched.deliveryRate());
        row("10-row INSERTs: latency p50 / p99 (ms)", fmt(engineBatched.p50()) + " / " + fmt(engineBatched.p99()),
                fmt(baselineBatched.p50()) + " / " + fmt(baselineBatched.p99()));
        row("late (> 20 s) / duplicates, 10-row INSERTs", engineBatched.lost() + " / " + engineBatched.duplicates(),
                baselineBatched.lost() + " / " + baselineBatched.duplicates());
        System.out.printf("%-44s %16s %16s%n", "backlog of 20,000 drained at events/s", String.format("%.0f",
                sortedRates[DRAIN_ROUNDS / 2]), "-");
        System.out.printf("%-44s %16s%n", "  (median of " + DRAIN_ROUNDS + " rounds: min / max)",
                String.format("%.0f / %.0f", sortedRates[0], sortedRates[DRAIN_ROUNDS - 1]));
        long drained = (long) DRAIN_ROUNDS * BURST_EVENTS;
        System.out.printf("%-44s %16s%n", "  CPU per 1,000 events: JVM / PostgreSQL (ms)", String.format("%.0f / %.0f",
                drainCpu.jvm().toNanos() / 1e3 / drained, drainCpu.postgres().toNanos() / 1e3 / drained));
        System.out.printf("%-44s %16s%n", "  = ceiling on this machine's idle cores", String.format("%.0f events/s",
                Runtime.getRuntime().availableProcessors() * 1e9 * drained
                        / (drainCpu.jvm().toNanos() + drainCpu.postgres().toNanos())));
        System.out.printf("%-44s %16d%n", "late (> 60 s) in backlog drain", drainLost);
        System.out.printf("%nWith %,d delivered rows in event_log:%n", preloadRows);
        System.out.printf("%-44s %16s%n", "latency p50 / p99 at 1,000 events/s (ms)",
                fmt(engineFixedLarge.p50()) + " / " + fmt(engineFixedLarge.p99()));
        System.out.printf("%-44s %16s%n", "late (> 20 s) / duplicates", engineFixedLarge.lost() + " / "
                + engineFixedLarge.duplicates());
        System.out.printf("%-44s %16s%n", "claim queries meanwhile: count, mean (ms)", String.format("%d, %.2f",
                claimsLarge.count(), claimsLarge.meanMs()));
        long engineInserted = await(inserts.query("SELECT count(*) FROM bench_events").execute()).iterator().next()
                .getLong(0);
        long baselineInserted = await(inserts.query("SELECT count(*) FROM bench_baseline").execute()).iterator()
                .next().getLong(0);
        System.out.printf("%nWhole run: engine %,d rows inserted, %d lost, %d duplicates; baseline %,d rows, %d lost, "
                        + "%d duplicates%n", engineInserted, engine.lostOverall(engineInserted),
                engine.everDuplicates.get(), baselineInserted, baseline.lostOverall(baselineInserted),
                baseline.everDuplicates.get());
        System.out.println("load average at the end: " + loadAverage()
                + " (other processes on the machine skew every figure above; compare runs at similar load)");
        System.out.println("claim query plan (EXPLAIN ANALYZE):");
        System.out.println(plan);

        await(subscriber.close());
        await(triggers.close());
        await(receiver.close());
    }

    private void printDeliveryStats(EventTriggers triggers) {
        var registry = triggers.metrics().registry();
        for (String name : new String[] {"threefactor.events.claim.duration", "threefactor.events.outcome.write.duration"}) {
            var timer = registry.find(name).timer();
            if (timer != null) {
                System.out.printf("  %s: %d queries, mean %.2f ms, max %.2f ms%n", name, timer.count(),
                        timer.mean(java.util.concurrent.TimeUnit.MILLISECONDS),
                        timer.max(java.util.concurrent.TimeUnit.MILLISECONDS));
            }
        }
        var claimed = registry.find("threefactor.events.claimed").counter();
        var written = registry.find("threefactor.events.outcomes.written").counter();
        System.out.printf("  claimed %.0f, outcomes written %.0f%n", claimed == null ? 0 : claimed.count(),
                written == null ? 0 : written.count());
        await(inserts.query("SELECT delivered, error, lease_owner IS NOT NULL AS leased, count(*) "
                + "FROM hdb_catalog.event_log GROUP BY 1, 2, 3").execute()).forEach(r ->
                System.out.printf("  event_log: delivered=%s error=%s leased=%s: %d%n", r.getBoolean(0),
                        r.getBoolean(1), r.getBoolean(2), r.getLong(3)));
    }

    /** CPU time used so far by this JVM and by the benchmark database's backends (same machine). */
    record CpuSample(Duration jvm, Duration postgres) {
        static final CpuSample ZERO = new CpuSample(Duration.ZERO, Duration.ZERO);

        CpuSample plus(CpuSample o) {
            return new CpuSample(jvm.plus(o.jvm), postgres.plus(o.postgres));
        }

        CpuSample minus(CpuSample o) {
            return new CpuSample(jvm.minus(o.jvm), postgres.minus(o.postgres));
        }
    }

    private CpuSample cpu(TestDatabase db) {
        Duration postgres = Duration.ZERO;
        for (var row : await(inserts.preparedQuery("SELECT pid FROM pg_stat_activity WHERE datname = $1")
                .execute(Tuple.of(db.name())))) {
            postgres = postgres.plus(cpuOf(ProcessHandle.of(row.getInteger(0))));
        }
        return new CpuSample(cpuOf(java.util.Optional.of(ProcessHandle.current())), postgres);
    }

    private static Duration cpuOf(java.util.Optional<ProcessHandle> process) {
        return process.flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** The claim timer's totals, to see what claims cost during one phase. */
    record ClaimStats(long count, double totalMs) {
        static ClaimStats of(EventTriggers triggers) {
            var timer = triggers.metrics().registry().find("threefactor.events.claim.duration").timer();
            return timer == null ? new ClaimStats(0, 0)
                    : new ClaimStats(timer.count(), timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS));
        }

        ClaimStats minus(ClaimStats o) {
            return new ClaimStats(count - o.count, totalMs - o.totalMs);
        }

        double meanMs() {
            return count == 0 ? 0 : totalMs / count;
        }
    }

    private void warmUp(String table, Recorder recorder) {
        recorder.reset();
        // Enough for the JIT to compile the hot paths of both sides.
        for (int i = 0; i < WARM_UP_EVENTS; i++) {
            insert(table);
        }
        recorder.awaitCount(WARM_UP_EVENTS, 30);
    }

    /** {@link #RATE} single-row autocommit INSERTs per second for {@link #FIXED_RATE_SECONDS}. */
    private Phase fixedRate(String table, Recorder recorder) {
        recorder.reset();
        int total = RATE * FIXED_RATE_SECONDS;
        AtomicInteger issued = new AtomicInteger();
        Promise<Void> allIssued = Promise.promise();
        long start = System.nanoTime();
        long timer = vertx.setPeriodic(2, t -> {
            long due = Math.min(total, (System.nanoTime() - start) * RATE / 1_000_000_000L);
            while (issued.get() < due) {
                issued.incrementAndGet();
                insert(table);
            }
            if (issued.get() >= total) {
                allIssued.tryComplete();
            }
        });
        await(allIssued.future(), FIXED_RATE_SECONDS + 30);
        vertx.cancelTimer(timer);
        recorder.awaitCount(total, 20);
        return recorder.phase(total, start);
    }

    /**
     * {@link #BURST_EVENTS} events as fast as the database takes autocommit INSERTs of {@code rowsPerInsert} rows,
     * {@link #MAX_INSERTS_IN_FLIGHT} at a time.
     */
    private Phase fullSpeed(String table, Recorder recorder, int rowsPerInsert) {
        recorder.reset();
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Promise<Long> finished = Promise.promise();
        long start = System.nanoTime();
        int statements = BURST_EVENTS / rowsPerInsert;
        String sql = "INSERT INTO " + table + " (note) SELECT 'x' FROM generate_series(1, " + rowsPerInsert + ")";
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            if (issued.incrementAndGet() > statements) {
                return;
            }
            inserts.query(sql).execute().onComplete(ar -> {
                if (done.incrementAndGet() == statements) {
                    finished.tryComplete(System.nanoTime());
                }
                next[0].run();
            });
        };
        vertx.runOnContext(v -> {
            for (int i = 0; i < MAX_INSERTS_IN_FLIGHT; i++) {
                next[0].run();
            }
        });
        long insertsDone = await(finished.future(), 120);
        recorder.awaitCount(BURST_EVENTS, 30);
        Phase phase = recorder.phase(BURST_EVENTS, start);
        return phase.withInsertRate(BURST_EVENTS / ((insertsDone - start) / 1e9));
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private Future<?> insert(String table) {
        return inserts.preparedQuery("INSERT INTO " + table + " (note) VALUES ($1)").execute(Tuple.of("x"));
    }

    private void insertBulk(String table, int n) {
        sql("INSERT INTO " + table + " (note) SELECT 'backlog' FROM generate_series(1, " + n + ")");
    }

    private String explainClaim() {
        StringBuilder text = new StringBuilder();
        await(inserts.query("""
                EXPLAIN (ANALYZE, COSTS OFF)
                SELECT e.id FROM hdb_catalog.event_log e
                WHERE e.delivered = 'f' AND e.error = 'f' AND e.archived = 'f'
                  AND e.trigger_name = ANY ('{bench_insert}')
                  AND (e.next_retry_at IS NULL OR e.next_retry_at <= now() AT TIME ZONE 'utc')
                  AND (e.locked IS NULL OR coalesce(e.lease_expires_at, e.locked + interval '30 minutes') < now())
                ORDER BY e.seq LIMIT 100 FOR UPDATE SKIP LOCKED
                """).execute()).forEach(r -> text.append("  ").append(r.getString(0)).append('\n'));
        return text.toString();
    }

    private void sql(String sql) {
        await(inserts.query(sql).execute(), 600);
    }

    private static void row(String label, double engine, double baseline) {
        System.out.printf("%-44s %16s %16s %8s%n", label, fmt(engine), fmt(baseline),
                baseline > 0 ? String.format("%.2f", engine / baseline) : "-");
    }

    private static void row(String label, String engine, String baseline) {
        System.out.printf("%-44s %16s %16s%n", label, engine, baseline);
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format("%.0f", v) : String.format("%.2f", v);
    }

    /** The figures of one phase. */
    record Phase(double p50, double p99, long lost, long duplicates, double deliveryRate, double insertRate) {
        Phase withInsertRate(double rate) {
            return new Phase(p50, p99, lost, duplicates, deliveryRate, rate);
        }
    }

    /** Arrivals, by row id, with their latency. */
    private static final class Recorder {
        private final Set<Long> seen = ConcurrentHashMap.newKeySet();
        private final Set<Long> everSeen = ConcurrentHashMap.newKeySet();
        private final AtomicLong everDuplicates = new AtomicLong();
        private final AtomicLong duplicates = new AtomicLong();
        private final AtomicLong lastArrivalNanos = new AtomicLong();
        private long[] latencies = new long[1 << 16];
        private int count;

        synchronized void arrived(long id, long writtenMicros, long arrivalMicros) {
            lastArrivalNanos.set(System.nanoTime());
            if (!everSeen.add(id)) {
                everDuplicates.incrementAndGet();
            }
            if (!seen.add(id)) {
                duplicates.incrementAndGet();
                return;
            }
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = arrivalMicros - writtenMicros;
        }

        synchronized void reset() {
            seen.clear();
            duplicates.set(0);
            lastArrivalNanos.set(0);
            count = 0;
        }

        long distinct() {
            return seen.size();
        }

        /** Rows inserted minus distinct rows that ever arrived, once arrivals stop (waits up to 30 s). */
        long lostOverall(long inserted) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (everSeen.size() < inserted && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return inserted - everSeen.size();
        }

        void awaitCount(int n, int seconds) {
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            while (seen.size() < n && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            try {
                Thread.sleep(300); // late duplicates, if any
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized Phase phase(int expected, long startNanos) {
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            double p50 = count == 0 ? Double.NaN : sorted[(int) (count * 0.50)] / 1e3;
            double p99 = count == 0 ? Double.NaN : sorted[Math.min(count - 1, (int) (count * 0.99))] / 1e3;
            double rate = count / ((lastArrivalNanos.get() - startNanos) / 1e9);
            return new Phase(p50, p99, expected - seen.size(), duplicates.get(), rate, 0);
        }
    }
}
