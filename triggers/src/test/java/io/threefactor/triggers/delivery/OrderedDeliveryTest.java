package io.threefactor.triggers.delivery;

import io.threefactor.triggers.EventTriggers;
import io.threefactor.triggers.definition.OperationSpec;
import io.threefactor.triggers.definition.QualifiedTable;
import io.threefactor.triggers.definition.RetryConf;
import io.threefactor.triggers.support.TriggersTestBase;
import io.threefactor.triggers.support.WebhookReceiver;
import io.threefactor.triggers.support.WebhookReceiver.Reply;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static io.threefactor.triggers.support.Await.await;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opt-in ordered delivery: the events of one row arrive in commit order; different rows still go in parallel. */
class OrderedDeliveryTest extends TriggersTestBase {

    @Test
    void events_of_one_row_arrive_in_commit_order_while_rows_are_delivered_in_parallel() {
        QualifiedTable table = newTable("ordered");
        // Random answer times would reorder an unordered delivery.
        webhook.behave(r -> new Reply.Delayed(ThreadLocalRandom.current().nextInt(1, 15), 200));
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("ordered_changes", table).insert(null)
                .update(OperationSpec.allColumns()).orderedByPrimaryKey(true).build()));
        await(triggers.start());
        sql("INSERT INTO " + table.quoted() + " (name, status) SELECT 'row ' || g, '0' FROM generate_series(1, 5) g");

        for (int step = 1; step <= 20; step++) {
            sql("UPDATE " + table.quoted() + " SET status = '" + step + "'");
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> webhook.count() == 100);
        Map<Integer, List<Integer>> statusesByRow = new LinkedHashMap<>();
        for (WebhookReceiver.Received r : webhook.received()) {
            var row = r.body().getJsonObject("event").getJsonObject("data").getJsonObject("new");
            statusesByRow.computeIfAbsent(row.getInteger("id"), k -> new ArrayList<>())
                    .add(Integer.parseInt(row.getString("status")));
        }
        List<Integer> expected = java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList();
        statusesByRow.forEach((id, statuses) -> assertEquals(expected, statuses, "row " + id));
        assertEquals(5, statusesByRow.size());
    }

    @Test
    void a_failing_event_holds_back_later_events_of_its_row_only() {
        QualifiedTable table = newTable("ordered_failing");
        AtomicInteger failuresLeft = new AtomicInteger(2);
        webhook.behave(r -> {
            var row = r.body().getJsonObject("event").getJsonObject("data").getJsonObject("new");
            boolean first = row.getInteger("id") == 1 && "1".equals(row.getString("status"));
            return first && failuresLeft.getAndDecrement() > 0 ? Reply.status(500) : Reply.OK;
        });
        EventTriggers triggers = instance(fastConfig());
        await(triggers.install(webhookTrigger("ordered_failing", table).insert(null)
                .update(OperationSpec.allColumns()).orderedByPrimaryKey(true).retryConf(new RetryConf(5, 1, 5))
                .build()));
        await(triggers.start());
        sql("INSERT INTO " + table.quoted() + " (name, status) VALUES ('a', '0'), ('b', '0')");

        sql("UPDATE " + table.quoted() + " SET status = '1'");
        sql("UPDATE " + table.quoted() + " SET status = '2'");

        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT count(*) FROM hdb_catalog.event_log "
                + "WHERE trigger_name = 'ordered_failing' AND delivered") == 4);
        List<String> arrivals = webhook.received().stream().map(r -> {
            var row = r.body().getJsonObject("event").getJsonObject("data").getJsonObject("new");
            return row.getInteger("id") + ":" + row.getString("status");
        }).toList();
        int row1Status2 = arrivals.indexOf("1:2");
        assertTrue(arrivals.lastIndexOf("1:1") < row1Status2, "row 1 waited for its retried event: " + arrivals);
        assertTrue(arrivals.indexOf("2:2") < arrivals.lastIndexOf("1:1"), "row 2 was not held back: " + arrivals);
    }
}
