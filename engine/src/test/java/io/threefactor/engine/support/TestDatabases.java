package io.threefactor.engine.support;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.SqlClient;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Creates and drops throw-away databases on the test PostgreSQL (127.0.0.1:5432, user postgres, trust). */
public final class TestDatabases {

    public static final String HOST = System.getProperty("threefactor.test.pg.host", "127.0.0.1");
    public static final int PORT = Integer.getInteger("threefactor.test.pg.port", 5432);

    private TestDatabases() { }

    public static String create(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        admin("CREATE DATABASE " + name);
        return name;
    }

    public static void drop(String name) {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    public static String url(String database) {
        return "postgres://postgres@" + HOST + ":" + PORT + "/" + database;
    }

    /** Runs one statement on a database and waits for it. */
    public static void execute(String database, String sql) {
        Vertx vertx = Vertx.vertx();
        try {
            SqlClient client = PgBuilder.client().connectingTo(PgConnectOptions.fromUri(url(database))).using(vertx).build();
            client.query(sql).execute().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            client.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not run on " + database + ": " + sql, e);
        } finally {
            vertx.close();
        }
    }

    /** Whether the test server can create the PostGIS extension (.ci/run installs it). */
    public static boolean postgisAvailable() {
        Vertx vertx = Vertx.vertx();
        try {
            SqlClient client = PgBuilder.client().connectingTo(PgConnectOptions.fromUri(url("postgres"))).using(vertx).build();
            boolean available = client.query("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'").execute()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).size() > 0;
            client.close();
            return available;
        } catch (Exception e) {
            return false;
        } finally {
            vertx.close();
        }
    }

    private static void admin(String sql) {
        execute("postgres", sql);
    }
}
