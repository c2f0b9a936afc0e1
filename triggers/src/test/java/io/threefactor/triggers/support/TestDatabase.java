package io.threefactor.triggers.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import static io.threefactor.triggers.support.Await.await;

/** A fresh database {@code tf_triggers_<name>_<random>} on the machine's PostgreSQL (127.0.0.1:5432, user postgres). */
public final class TestDatabase {
    public static final String HOST = System.getProperty("threefactor.test.pg.host", "127.0.0.1");

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    public static TestDatabase create(Vertx vertx, String suffix) {
        // A random tail keeps concurrent runs of the suite (a developer's and CI's) out of each other's way.
        String base = suffix.toLowerCase();
        String name = "tf_triggers_" + base.substring(0, Math.min(base.length(), 36)) + "_"
                + java.util.UUID.randomUUID().toString().substring(0, 8);
        Pool admin = pool(vertx, options("postgres"), 1);
        try {
            await(admin.query("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").execute());
            await(admin.query("CREATE DATABASE " + name).execute());
        } finally {
            await(admin.close());
        }
        return new TestDatabase(name);
    }

    /** A database another process created. */
    public static TestDatabase existing(String name) {
        return new TestDatabase(name);
    }

    public String name() {
        return name;
    }

    public PgConnectOptions options() {
        return options(name);
    }

    /** Options whose connections carry {@code application_name}, so a test can find and terminate them. */
    public PgConnectOptions options(String applicationName, boolean unused) {
        PgConnectOptions o = options(name);
        o.addProperty("application_name", applicationName);
        return o;
    }

    public Pool pool(Vertx vertx, int size) {
        return pool(vertx, options(), size);
    }

    public static Pool pool(Vertx vertx, PgConnectOptions options, int size) {
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(size)).connectingTo(options).using(vertx).build();
    }

    public static PgConnectOptions options(String database) {
        return new PgConnectOptions().setHost(HOST).setPort(5432).setUser("postgres").setDatabase(database)
                .setCachePreparedStatements(true);
    }

    public Future<Void> drop(Vertx vertx) {
        Pool admin = pool(vertx, options("postgres"), 1);
        return admin.query("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").execute()
                .<Void>mapEmpty().eventually(() -> admin.close());
    }
}
