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

import java.time.Duration;

import static io.threefactor.triggers.support.Await.await;

/**
 * A stand-in for an engine process: delivers one trigger's events until it is killed.
 * Arguments: database, table, trigger name, webhook URL.
 */
public final class DelivererProcess {
    public static final int CONCURRENCY = 50;

    public static void main(String[] args) throws InterruptedException {
        Vertx vertx = Vertx.vertx();
        TestDatabase db = TestDatabase.existing(args[0]);
        Pool pool = db.pool(vertx, 4);
        TriggersConfig config = TriggersConfig.builder()
                .httpPoolSize(CONCURRENCY)
                .fetchBatchSize(CONCURRENCY)
                .leaseDuration(Duration.ofSeconds(2))
                .build();
        EventTriggers triggers = new EventTriggers(vertx, pool, db.options(), config, MessageChannel.NONE, null);
        triggers.register(definition(args[1], args[2], args[3]));
        await(triggers.start());
        System.out.println("delivering");
        Thread.sleep(Long.MAX_VALUE);
    }

    public static EventTriggerDefinition definition(String table, String trigger, String url) {
        return EventTriggerDefinition.builder(trigger, new QualifiedTable("public", table), new Target.WebhookUrl(url))
                .insert(OperationSpec.allColumns()).build();
    }
}
