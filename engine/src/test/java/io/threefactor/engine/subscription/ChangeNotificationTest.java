package io.threefactor.engine.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.support.LibraryProfile;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vertx.sqlclient.Pool;

/**
 * Change notifications: sent only for tables some subscription reads, naming the changed rows, so that a live
 * query keyed by the primary key refetches only the cohorts of those rows; a trigger-covered live query is not
 * polled every second, one reading a view is.
 */
@QuarkusTest
@TestProfile(LibraryProfile.class)
class ChangeNotificationTest {

    static final QualifiedTable AUTHOR = new QualifiedTable("public", "author");

    @TestHTTPResource("/")
    URL base;

    @Inject
    Pool pool;

    @Inject
    LiveQueries liveQueries;

    @Inject
    WatchedTables watched;

    void sql(String statement) throws Exception {
        StreamTest.await(pool.query(statement).execute());
    }

    static WsClient admin(URL base) throws Exception {
        WsClient c = WsClient.connect(base, "graphql-transport-ws");
        c.send("{'type':'connection_init','payload':{}}");
        assertEquals("connection_ack", c.next().get("type").asText());
        return c;
    }

    /** Subscribes operation {@code id} with {@code $id} = id and answers its first result. */
    static JsonNode subscribe(WsClient c, String query, int id) throws Exception {
        c.send("{'type':'subscribe','id':'" + id + "','payload':{'query':'" + query + "','variables':{'id':" + id + "}}}");
        JsonNode m = c.next();
        assertEquals(Integer.toString(id), m.get("id").asText(), m.toString());
        return m.at("/payload/data");
    }

    @Test
    void aChangedRowRefetchesOnlyTheCohortsKeyedByIt() throws Exception {
        for (String query : new String[]{"subscription ($id: Int!) { article_by_pk(id: $id) { id views } }",
                "subscription ($id: Int!) { article(where: {id: {_eq: $id}}) { id views } }"}) {
            try (WsClient c = admin(base)) {
                for (int id = 1; id <= 5; id++) {
                    subscribe(c, query, id);
                }
                Thread.sleep(1500); // past the one late refresh of a new group
                long fetched = liveQueries.cohortsFetched();
                sql("UPDATE article SET views = views + 1 WHERE id = 3");
                JsonNode push = c.next();
                assertEquals("3", push.get("id").asText(), "only article 3's subscriber is pushed: " + push);
                assertNull(c.poll(300));
                assertEquals(1, liveQueries.cohortsFetched() - fetched, query + ": one cohort refetched of five");

                fetched = liveQueries.cohortsFetched();
                sql("UPDATE article SET views = views WHERE id IN (1, 2, 3, 4, 5)");
                Thread.sleep(300);
                assertEquals(5, liveQueries.cohortsFetched() - fetched, "each changed row's cohort refetched");
                assertNull(c.poll(100), "same results are not pushed");
            } finally {
                sql("UPDATE article SET views = views - 1 WHERE id = 3");
            }
        }
    }

    @Test
    void aChangeSeenThroughARelationshipRefetchesEveryCohort() throws Exception {
        try (WsClient c = admin(base)) {
            for (int id = 1; id <= 5; id++) {
                subscribe(c, "subscription ($id: Int!) { article_by_pk(id: $id) { id author { name } } }", id);
            }
            Thread.sleep(1500);
            long fetched = liveQueries.cohortsFetched();
            sql("UPDATE author SET name = name WHERE id = 1");
            Thread.sleep(300);
            assertEquals(5, liveQueries.cohortsFetched() - fetched, "author rows are not keyed in this query");
        }
    }

    @Test
    void tablesNobodyReadsAreNotNotified() throws Exception {
        SqlConnection listener = StreamTest.await(pool.getConnection());
        LinkedBlockingQueue<String> notifications = new LinkedBlockingQueue<>();
        ((PgConnection) listener).notificationHandler(n -> notifications.add(n.getPayload()));
        try {
            StreamTest.await(listener.query("LISTEN " + ChangeListener.CHANNEL).execute());
            assertFalse(watched.watched().contains(AUTHOR), "no running subscription reads author");
            sql("DELETE FROM hdb_catalog.threefactor_watched_table WHERE table_name = 'author'");
            sql("UPDATE author SET name = name WHERE id = 1");
            assertNull(notifications.poll(500, TimeUnit.MILLISECONDS), "a write nobody watches sends no NOTIFY");

            try (WsClient c = admin(base)) {
                subscribe(c, "subscription ($id: Int!) { author_by_pk(id: $id) { name } }", 2);
                assertTrue(watched.watched().contains(AUTHOR));
                sql("UPDATE author SET name = name WHERE id IN (1, 2)");
                String payload = notifications.poll(5, TimeUnit.SECONDS);
                assertNotNull(payload);
                JsonNode n = WsClient.JSON.readTree(payload);
                assertEquals("[\"public\",\"author\"]", n.get("t").toString());
                assertEquals(2, n.get("k").size(), "the changed keys: " + payload);
                sql("UPDATE author SET name = name WHERE id > 0 AND id < 0");
                assertNull(notifications.poll(300, TimeUnit.MILLISECONDS), "nothing changed, nothing sent");
            }
        } finally {
            listener.close();
        }
    }

    @Test
    void onlyWhatTriggersDoNotCoverIsPolledEverySecond() throws Exception {
        try (WsClient c = admin(base)) {
            subscribe(c, "subscription ($id: Int!) { article_by_pk(id: $id) { id } }", 1);
            Thread.sleep(1500);
            long statements = liveQueries.statementsExecuted();
            Thread.sleep(2500);
            assertEquals(0, liveQueries.statementsExecuted() - statements,
                    "a live query on trigger-covered tables waits for changes (safety net: 30 s)");

            c.send("{'type':'subscribe','id':'view','payload':{'query':'subscription { hits { id } }'}}");
            JsonNode first = c.next();
            assertEquals("next", first.get("type").asText(), first.toString());
            Thread.sleep(1500);
            statements = liveQueries.statementsExecuted();
            Thread.sleep(2500);
            long polled = liveQueries.statementsExecuted() - statements;
            // two or three ticks in 2.5 s; a loaded machine may delay one
            assertTrue(polled >= 1 && polled <= 4, "a live query on a view is refetched every second: " + polled);
        }
    }

    @Test
    void keyValuesCompareInTheTextPostgresPrints() {
        assertEquals("5", CohortKeys.canonical(WsClient.JSON.valueToTree(5), "integer"));
        assertEquals("5", CohortKeys.canonical(WsClient.JSON.valueToTree(" 05"), "bigint"));
        assertNull(CohortKeys.canonical(WsClient.JSON.valueToTree(5.5), "integer"));
        assertEquals("0b8f5e3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
                CohortKeys.canonical(WsClient.JSON.valueToTree("{0B8F5E3A1C2D4E5F8A9B0C1D2E3F4A5B}"), "uuid"));
        assertEquals("Ada", CohortKeys.canonical(WsClient.JSON.valueToTree("Ada"), "text"));
        assertNull(CohortKeys.canonical(WsClient.JSON.valueToTree("2024-01-01"), "date"), "other types: every change");
    }
}
