package io.threefactor.engine.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.LibraryProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vertx.sqlclient.Pool;

/** Live queries over the Vert.x client: root kinds, permissions, multiplexing and change-driven refresh. */
@QuarkusTest
@TestProfile(LibraryProfile.class)
class LiveQueryTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Pool pool;

    @Inject
    LiveQueries liveQueries;

    void sql(String statement) throws Exception {
        pool.query(statement).execute().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static WsClient author(URL base, int userId) throws Exception {
        WsClient c = WsClient.connect(base, "graphql-transport-ws");
        c.send("{'type':'connection_init','payload':{'headers':{'x-hasura-role':'author','x-hasura-user-id':'" + userId + "'}}}");
        assertEquals("connection_ack", c.next().get("type").asText());
        return c;
    }

    /** The next result of operation {@code id} on this socket (results of other operations are kept aside). */
    static JsonNode data(WsClient c, String id, java.util.Map<String, java.util.Deque<JsonNode>> aside) throws Exception {
        java.util.Deque<JsonNode> queued = aside.computeIfAbsent(c + id, k -> new java.util.ArrayDeque<>());
        if (!queued.isEmpty()) {
            return queued.poll();
        }
        while (true) {
            JsonNode m = c.next();
            assertEquals("next", m.get("type").asText(), m.toString());
            if (m.get("id").asText().equals(id)) {
                return m.get("payload").get("data");
            }
            aside.computeIfAbsent(c + m.get("id").asText(), k -> new java.util.ArrayDeque<>()).add(m.get("payload").get("data"));
        }
    }

    @Test
    void everyRootKindIsLiveWithPermissionsAndOnlyChangedCohortsArePushed() throws Exception {
        java.util.Map<String, java.util.Deque<JsonNode>> aside = new java.util.HashMap<>();
        try (WsClient one = author(base, 1); WsClient two = author(base, 2)) {
            for (WsClient c : List.of(one, two)) {
                c.send("{'type':'subscribe','id':'list','payload':{'query':'subscription { article(order_by: {id: asc}) { id views author { name } } }'}}");
                c.send("{'type':'subscribe','id':'agg','payload':{'query':'subscription { article_aggregate { aggregate { count sum { views } } } }'}}");
                c.send("{'type':'subscribe','id':'pk','payload':{'query':'subscription { article_by_pk(id: 3) { title } }'}}");
            }
            assertEquals(2, data(one, "list", aside).get("article").size(), "author 1 sees only their own articles");
            assertTrue(data(one, "pk", aside).get("article_by_pk").isNull(), "article 3 is author 2's");
            assertEquals(520, data(one, "agg", aside).at("/article_aggregate/aggregate/sum/views").asLong());
            assertEquals("Computing Machinery and Intelligence", data(two, "pk", aside).at("/article_by_pk/title").asText());
            assertEquals(1000, data(two, "agg", aside).at("/article_aggregate/aggregate/sum/views").asLong());
            assertEquals(2, data(two, "list", aside).get("article").size());

            sql("UPDATE article SET views = views + 1 WHERE id = 3");
            assertEquals(1001, data(two, "agg", aside).at("/article_aggregate/aggregate/sum/views").asLong());
            assertEquals(901, data(two, "list", aside).at("/article/0/views").asLong());
            assertNull(one.poll(400), "author 1's results did not change, so nothing is pushed");

            // a change seen only through a relationship
            sql("UPDATE author SET name = 'A. M. Turing' WHERE id = 2");
            assertEquals("A. M. Turing", data(two, "list", aside).at("/article/0/author/name").asText());
            sql("UPDATE author SET name = 'Alan Turing' WHERE id = 2");
            data(two, "list", aside);
            sql("UPDATE article SET views = views - 1 WHERE id = 3");
            data(two, "list", aside);
        }
    }

    @Test
    void hundredSubscribersOnOneQueryCostOneStatementPerRefresh() throws Exception {
        List<WsClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                WsClient c = WsClient.connect(base, "graphql-transport-ws");
                // each its own cohort: different variables
                c.send("{'type':'connection_init','payload':{}}");
                clients.add(c);
            }
            for (WsClient c : clients) {
                assertEquals("connection_ack", c.next().get("type").asText());
            }
            long statementsBefore = liveQueries.statementsExecuted();
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).send("{'type':'subscribe','id':'1','payload':{'query':'subscription ($n: String!) "
                        + "{ comment_aggregate(where: {body: {_neq: $n}}) { aggregate { count } } }','variables':{'n':'x" + i + "'}}}");
            }
            for (WsClient c : clients) {
                assertEquals(5, c.next().at("/payload/data/comment_aggregate/aggregate/count").asInt());
            }
            long initial = liveQueries.statementsExecuted() - statementsBefore;
            assertTrue(initial <= 10, "first results for 100 new cohorts took " + initial + " statements");

            long s0 = liveQueries.statementsExecuted();
            long r0 = liveQueries.refreshes();
            sql("INSERT INTO comment (article_id, author_id, body) VALUES (1, 1, 'live')");
            for (WsClient c : clients) {
                assertEquals(6, c.next().at("/payload/data/comment_aggregate/aggregate/count").asInt());
            }
            Thread.sleep(200);
            long statements = liveQueries.statementsExecuted() - s0;
            long refreshes = liveQueries.refreshes() - r0;
            assertTrue(refreshes >= 1);
            assertEquals(refreshes, statements, "one statement per refresh of the group of 100 subscribers");
            sql("DELETE FROM comment WHERE body = 'live'");
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @Test
    void sameCohortSubscribersShareAResultAndANewOneGetsItAtOnce() throws Exception {
        try (WsClient a = author(base, 4); WsClient b = author(base, 4)) {
            a.send("{'type':'subscribe','id':'x','payload':{'query':'subscription { article { id title } }'}}");
            JsonNode first = a.next();
            long cohorts = liveQueries.cohortCount();
            b.send("{'type':'subscribe','id':'x','payload':{'query':'subscription { article { id title } }'}}");
            assertEquals(first.get("payload"), b.next().get("payload"));
            assertEquals(cohorts, liveQueries.cohortCount(), "the second subscriber joined the first one's cohort");
            a.send("{'type':'complete','id':'x'}");
            sql("UPDATE article SET title = 'Go To Statement Considered Harmful!' WHERE id = 5");
            assertEquals("Go To Statement Considered Harmful!", b.next().at("/payload/data/article/0/title").asText());
            assertNull(a.poll(300), "a completed subscription gets nothing more");
            sql("UPDATE article SET title = 'Go To Statement Considered Harmful' WHERE id = 5");
        }
    }
}
