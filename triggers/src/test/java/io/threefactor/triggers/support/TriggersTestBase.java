package io.threefactor.triggers.support;

import io.threefactor.triggers.EventTriggers;
import io.threefactor.triggers.TriggersConfig;
import io.threefactor.triggers.definition.EventTriggerDefinition;
import io.threefactor.triggers.definition.OperationSpec;
import io.threefactor.triggers.definition.QualifiedTable;
import io.threefactor.triggers.definition.Target;
import io.threefactor.triggers.target.MessageChannel;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.threefactor.triggers.support.Await.await;

/**
 * One database per test class (named after it), a webhook receiver, and helpers to make tables, triggers and
 * instances. Every instance created through {@link #instance} is stopped after each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TriggersTestBase {
    private static final AtomicInteger TABLES = new AtomicInteger();

    protected Vertx vertx;
    protected TestDatabase db;
    protected Pool pool;
    protected WebhookReceiver webhook;
    private final List<EventTriggers> instances = new ArrayList<>();
    private final List<Pool> extraPools = new ArrayList<>();

    @BeforeAll
    void startInfrastructure() {
        vertx = Vertx.vertx();
        db = TestDatabase.create(vertx, getClass().getSimpleName());
        pool = db.pool(vertx, 8);
        webhook = WebhookReceiver.start(vertx);
        await(new EventTriggers(vertx, pool, db.options(), fastConfig(), MessageChannel.NONE, null).ensureSchema());
    }

    @BeforeEach
    void resetReceiver() {
        webhook.reset();
    }

    @AfterEach
    void stopInstances() {
        for (EventTriggers instance : instances) {
            try {
                await(instance.close(), 20);
            } catch (RuntimeException ignored) {
                // an instance whose Vert.x a test closed (a simulated crash)
            }
        }
        instances.clear();
        extraPools.forEach(p -> p.close());
        extraPools.clear();
    }

    @AfterAll
    void stopInfrastructure() {
        webhook.close();
        await(pool.close());
        await(db.drop(vertx));
        await(vertx.close());
    }

    /** Test settings: short lease, poll far away unless a test wants it (so NOTIFY must do the work). */
    protected TriggersConfig fastConfig() {
        return TriggersConfig.builder()
                .pollInterval(Duration.ofSeconds(1))
                .leaseDuration(Duration.ofSeconds(2))
                .gracePeriod(Duration.ofSeconds(2))
                .httpPoolSize(20)
                .fetchBatchSize(20)
                .build();
    }

    protected EventTriggers instance(TriggersConfig config) {
        return instance(vertx, pool, config, MessageChannel.NONE);
    }

    protected EventTriggers instance(Vertx vx, Pool p, TriggersConfig config, MessageChannel channel) {
        EventTriggers instance = new EventTriggers(vx, p, db.options(), config, channel, null);
        instances.add(instance);
        return instance;
    }

    protected Pool extraPool(Vertx vx, String applicationName, int size) {
        Pool p = TestDatabase.pool(vx, db.options(applicationName, true), size);
        extraPools.add(p);
        return p;
    }

    /** A fresh table {@code public.<prefix>_<n>} with id, name, status, and a jsonb column. */
    protected QualifiedTable newTable(String prefix) {
        String name = prefix + "_" + TABLES.incrementAndGet();
        sql("CREATE TABLE public." + name + " (id serial PRIMARY KEY, name text, status text, details jsonb)");
        return new QualifiedTable("public", name);
    }

    protected EventTriggerDefinition.Builder webhookTrigger(String name, QualifiedTable table) {
        return EventTriggerDefinition.builder(name, table, new Target.WebhookUrl(webhook.url()))
                .insert(OperationSpec.allColumns());
    }

    protected RowSet<Row> sql(String sql, Object... params) {
        return await(pool.preparedQuery(sql).execute(Tuple.from(params)));
    }

    protected long count(String sql, Object... params) {
        return sql(sql, params).iterator().next().getLong(0);
    }

    protected Row eventRow(String eventId) {
        return sql("SELECT * FROM hdb_catalog.event_log WHERE id = $1", eventId).iterator().next();
    }
}
