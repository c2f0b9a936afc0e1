package io.threefactor.engine.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.LibraryProfile;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import io.vertx.sqlclient.Pool;

/** Streaming subscriptions: history in batches, then new rows, in order, none skipped. */
@QuarkusTest
@TestProfile(LibraryProfile.class)
class StreamTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Pool pool;

    static <T> T await(io.vertx.core.Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static List<Integer> ids(JsonNode message) {
        List<Integer> out = new ArrayList<>();
        message.at("/payload/data/comment_stream").forEach(r -> out.add(r.get("id").asInt()));
        return out;
    }

    @Test
    void rowsCommittedOutOfIdOrderAreNotSkipped() throws Exception {
        try (WsClient c = WsClient.connect(base, "graphql-transport-ws")) {
            c.send("{'type':'connection_init','payload':{}}");
            assertEquals("connection_ack", c.next().get("type").asText());
            c.send("{'type':'subscribe','id':'s','payload':{'query':'subscription ($from: Int!) { comment_stream(batch_size: 2, "
                    + "cursor: {initial_value: {id: $from}, ordering: ASC}) { id body } }','variables':{'from':1}}}");
            // history after id 1, in batches of 2
            List<Integer> seen = new ArrayList<>(ids(c.next()));
            seen.addAll(ids(c.next()));
            assertEquals(List.of(2, 3, 4, 5), seen);

            // T1 takes the lower id and stays open; T2 takes a higher id and commits first
            SqlConnection t1 = await(pool.getConnection());
            Transaction tx1 = await(t1.begin());
            int low = await(t1.query("INSERT INTO comment (article_id, body) VALUES (1, 'slow') RETURNING id").execute())
                    .iterator().next().getInteger(0);
            int high = await(pool.query("INSERT INTO comment (article_id, body) VALUES (1, 'fast') RETURNING id")
                    .execute()).iterator().next().getInteger(0);
            assertEquals(low + 1, high);
            assertNull(c.poll(600), "the committed higher id waits while a lower one may still commit");
            await(tx1.commit());
            t1.close();
            JsonNode batch = c.next();
            List<Integer> after = new ArrayList<>(ids(batch));
            if (after.size() < 2) {
                after.addAll(ids(c.next()));
            }
            assertEquals(List.of(low, high), after);
            assertEquals("slow", batch.at("/payload/data/comment_stream/0/body").asText());
            assertEquals(false, batch.at("/payload/data/comment_stream/0").has("__tf_cursor"));

            // a rolled-back lower id does not hold the stream back for long
            SqlConnection t3 = await(pool.getConnection());
            Transaction tx3 = await(t3.begin());
            await(t3.query("INSERT INTO comment (article_id, body) VALUES (1, 'gone')").execute());
            int next = await(pool.query("INSERT INTO comment (article_id, body) VALUES (1, 'kept') RETURNING id")
                    .execute()).iterator().next().getInteger(0);
            await(tx3.rollback());
            t3.close();
            assertEquals(List.of(next), ids(c.next()));
        } finally {
            await(pool.query("DELETE FROM comment WHERE id > 5").execute());
        }
    }

    @Test
    void aBatchTakesEveryRowThatTiesWithItsLastCursorValue() throws Exception {
        try (WsClient c = WsClient.connect(base, "graphql-transport-ws")) {
            c.send("{'type':'connection_init','payload':{}}");
            assertEquals("connection_ack", c.next().get("type").asText());
            // comments by article_id: 1, 1, 3, 3, 5; batches of one cursor value each, none split
            c.send("{'type':'subscribe','id':'t','payload':{'query':'subscription { comment_stream(batch_size: 1, "
                    + "cursor: {initial_value: {article_id: 0}, ordering: ASC}) { id article_id } }'}}");
            List<List<Integer>> batches = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                List<Integer> articles = new ArrayList<>();
                c.next().at("/payload/data/comment_stream").forEach(r -> articles.add(r.get("article_id").asInt()));
                batches.add(articles);
            }
            assertEquals(List.of(List.of(1, 1), List.of(3, 3), List.of(5)), batches);
        }
    }

    @Test
    void streamsRespectPermissions() throws Exception {
        try (WsClient c = WsClient.connect(base, "graphql-ws")) {
            c.send("{'type':'connection_init','payload':{'headers':{'x-hasura-role':'reader'}}}");
            assertEquals("connection_ack", c.next().get("type").asText());
            c.send("{'type':'start','id':'r','payload':{'query':'subscription { article_stream(batch_size: 10, "
                    + "cursor: {initial_value: {id: 0}}) { id } }'}}");
            JsonNode data = c.next();
            assertEquals("data", data.get("type").asText());
            List<Integer> ids = new ArrayList<>();
            data.at("/payload/data/article_stream").forEach(r -> ids.add(r.get("id").asInt()));
            assertEquals(List.of(1, 3, 4), ids, "published articles only, at most the role's limit of 3 per batch");
        }
    }

    @Test
    void aDescendingStreamPagesBackThroughHistoryAndSendsNoNewerRows() throws Exception {
        try (WsClient c = ChangeNotificationTest.admin(base)) {
            c.send("{'type':'subscribe','id':'d','payload':{'query':'subscription { comment_stream(batch_size: 2, "
                    + "cursor: {initial_value: {id: 5}, ordering: DESC}) { id } }'}}");
            List<Integer> seen = new ArrayList<>(ids(c.next()));
            assertEquals(List.of(4, 3), seen, "below the initial value, highest first");
            seen.addAll(ids(c.next()));
            assertEquals(List.of(4, 3, 2, 1), seen);
            await(pool.query("INSERT INTO comment (article_id, body) VALUES (1, 'newer')").execute());
            assertNull(c.poll(800), "the cursor only moves down, as in Hasura: a newer row is never sent");
        } finally {
            await(pool.query("DELETE FROM comment WHERE id > 5").execute());
        }
    }
}
