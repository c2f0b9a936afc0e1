package io.threefactor.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Command-line settings of one benchmark run; every one has a default so the bare command does the full run. */
public record BenchOptions(
        double scale,
        int concurrency,
        Duration jvmWarmup,
        Duration warmup,
        Duration measure,
        int enginePool,
        List<String> queries,
        Optional<String> database,
        boolean keepDatabase,
        String pgHost,
        int pgPort,
        Path engineJar,
        Path projectDir,
        List<String> engineJvmArgs) {

    static final String USAGE = """
            EngineBenchmark: threefactor over HTTP vs the same queries as hand-written SQL, at fixed concurrency.
              --scale X          dataset size; 1.0 = 2,000 coaches, 1,000,000 exercises (default 1.0)
              --concurrency N    requests in flight, HTTP pool and pg pool size (default 32)
              --jvm-warmup S     once, before all runs: all queries against the engine, unmeasured, so the
                                 engine's and the driver's JIT reach steady state (default 20)
              --warmup S         warm-up seconds per run (default 5)
              --seconds S        measured seconds per run (default 20)
              --engine-pool N    the engine's pg pool, HASURA_GRAPHQL_PG_CONNECTIONS (default = concurrency)
              --queries a,b      cases to run, in this order (default all): by_pk,nested,filtered_list,aggregates
                                 (engine vs SQL), nested_as_coach (nested as role coach vs as admin),
                                 insert_one (insert_exercise_one vs INSERT … RETURNING, and in a transaction)
              --db NAME          database to use; an existing one with the same scale's dataset is reused
              --keep-db          do not drop the database at the end
              --pg-host H --pg-port P   PostgreSQL (default 127.0.0.1:5432, user postgres, trust)
              --engine-jar PATH  default engine/target/quarkus-app/quarkus-run.jar
              --project-dir PATH Hasura CLI project applied by the engine (default schema/)
              --engine-jvm ARGS  extra JVM options for the engine process, space separated
            """;

    static BenchOptions parse(String[] args) {
        double scale = 1.0;
        int concurrency = 32;
        double jvmWarmup = 20;
        double warmup = 5;
        double seconds = 20;
        Integer enginePool = null;
        List<String> queries = QueryCatalogue.NAMES;
        String database = null;
        boolean keep = false;
        String host = "127.0.0.1";
        int port = 5432;
        Path jar = null;
        Path project = null;
        List<String> jvm = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--jvm-warmup" -> jvmWarmup = Double.parseDouble(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--engine-pool" -> enginePool = Integer.parseInt(args[++i]);
                case "--queries" -> queries = List.of(args[++i].split(","));
                case "--db" -> database = args[++i];
                case "--keep-db" -> keep = true;
                case "--pg-host" -> host = args[++i];
                case "--pg-port" -> port = Integer.parseInt(args[++i]);
                case "--engine-jar" -> jar = Path.of(args[++i]);
                case "--project-dir" -> project = Path.of(args[++i]);
                case "--engine-jvm" -> jvm.addAll(List.of(args[++i].trim().split("\\s+")));
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
        }
        for (String q : queries) {
            if (!QueryCatalogue.NAMES.contains(q)) {
                throw new IllegalArgumentException("unknown case " + q + "; known: " + QueryCatalogue.NAMES);
            }
        }
        if (database != null && !database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("--db must be a plain lower-case identifier");
        }
        return new BenchOptions(scale, concurrency, seconds(jvmWarmup), seconds(warmup), seconds(seconds),
                enginePool == null ? concurrency : enginePool, queries, Optional.ofNullable(database), keep, host, port,
                jar != null ? jar.toAbsolutePath() : findUp("engine/target/quarkus-app/quarkus-run.jar"),
                project != null ? project.toAbsolutePath() : findUp("schema/metadata").getParent(), jvm);
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    /** The path under the current directory or one of its parents, so the program runs from the repo or engine/. */
    private static Path findUp(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " not found from " + Path.of("").toAbsolutePath()
                + " upwards (build the engine first, or pass --engine-jar / --project-dir)");
    }
}
