package io.threefactor.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The benchmark's own database on the shared PostgreSQL: create, fill, pool, drop. */
final class BenchDatabase {

    private final Vertx vertx;
    private final String host;
    private final int port;
    final String name;

    BenchDatabase(Vertx vertx, String host, int port, String name) {
        this.vertx = vertx;
        this.host = host;
        this.port = port;
        this.name = name;
    }

    String url() {
        return "postgres://postgres@" + host + ":" + port + "/" + name;
    }

    /** Connection options as the engine uses them (prepared statement cache, pipelining), for a fair comparison. */
    PgConnectOptions connectOptions(String database) {
        return new PgConnectOptions().setHost(host).setPort(port).setUser("postgres").setDatabase(database)
                .setCachePreparedStatements(true).setPreparedStatementCacheMaxSize(4096).setPipeliningLimit(256);
    }

    Pool pool(int size) {
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(size)).connectingTo(connectOptions(name))
                .using(vertx).build();
    }

    /**
     * Opens all {@code size} connections before a run, so the run neither pays for connecting nor fails half-way
     * when the shared server is out of connections (max_connections). Other benchmarks and test suites share the
     * server, so "too many clients" is retried for up to five minutes before giving up.
     */
    Pool openPool(int size) {
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(5).toNanos();
        boolean told = false;
        while (true) {
            try {
                Pool pool = tryOpenPool(size);
                if (told) {
                    System.out.printf("(got the connections after %.0f s)%n", (System.nanoTime() - start) / 1e9);
                }
                return pool;
            } catch (IllegalStateException e) {
                if (!String.valueOf(e.getMessage()).contains("too many clients") || System.nanoTime() > deadline) {
                    throw e;
                }
                if (!told) {
                    System.out.println("(the server is out of connections; retrying every 2 s for up to 5 minutes)");
                    told = true;
                }
                try {
                    TimeUnit.SECONDS.sleep(2);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private Pool tryOpenPool(int size) {
        Pool pool = pool(size);
        List<Future<io.vertx.sqlclient.SqlConnection>> connections = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            connections.add(pool.getConnection());
        }
        try {
            await(Future.join(connections), Duration.ofSeconds(30));
        } catch (IllegalStateException e) {
            connections.stream().filter(Future::succeeded).forEach(c -> c.result().close());
            pool.close();
            throw new IllegalStateException("could not open " + size + " connections to " + name + ": "
                    + e.getMessage(), e);
        }
        connections.forEach(c -> c.result().close());
        return pool;
    }

    boolean exists() {
        return !onAdmin("SELECT 1 FROM pg_database WHERE datname = $1", Tuple.of(name)).isEmpty();
    }

    void create() {
        onAdmin("CREATE DATABASE " + name, Tuple.tuple());
    }

    void drop() {
        onAdmin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", Tuple.tuple());
    }

    /** Runs statements one after another on one connection (session settings carry over). */
    void runScript(List<String> statements, Duration timeout) {
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(connectOptions(name))
                .using(vertx).build();
        try {
            await(pool.withConnection(c -> {
                Future<?> chain = Future.succeededFuture();
                for (String sql : statements) {
                    chain = chain.compose(x -> c.query(sql).execute());
                }
                return chain;
            }), timeout);
        } finally {
            pool.close();
        }
    }

    List<Row> query(String sql, Tuple args) {
        Pool pool = pool(1);
        try {
            return rows(await(pool.preparedQuery(sql).execute(args), Duration.ofMinutes(1)));
        } finally {
            pool.close();
        }
    }

    /** Backend pids of connections to this database other than our own, i.e. the engine's pool. */
    List<Long> backendPids(Pool pool) {
        List<Long> pids = new ArrayList<>();
        for (Row r : rows(await(pool.preparedQuery("SELECT pid FROM pg_stat_activity WHERE datname = $1 "
                + "AND pid <> pg_backend_pid()").execute(Tuple.of(name)), Duration.ofSeconds(10)))) {
            pids.add(r.getInteger(0).longValue());
        }
        return pids;
    }

    private List<Row> onAdmin(String sql, Tuple args) {
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(connectOptions("postgres"))
                .using(vertx).build();
        try {
            return rows(await(args.size() == 0 ? pool.query(sql).execute() : pool.preparedQuery(sql).execute(args),
                    Duration.ofMinutes(1)));
        } finally {
            pool.close();
        }
    }

    private static List<Row> rows(Iterable<Row> set) {
        List<Row> out = new ArrayList<>();
        set.forEach(out::add);
        return out;
    }

    static <T> T await(Future<T> future, Duration timeout) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
