package io.threefactor.engine.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.LibraryProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.vertx.sqlclient.Pool;

/** Both protocols through the real npm client libraries: graphql-ws and subscriptions-transport-ws. */
@QuarkusTest
@TestProfile(LibraryProfile.class)
class SubscriptionClientsTest {

    static final String AUTHOR_2 = "{'headers':{'x-hasura-role':'author','x-hasura-user-id':'2'}}";

    @TestHTTPResource("/")
    URL base;

    @Inject
    Pool pool;

    void sql(String statement) throws Exception {
        pool.query(statement).execute().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void liveQueryFollowsChanges(String protocol, int delta) throws Exception {
        try (NodeClient client = NodeClient.start(base, protocol, AUTHOR_2,
                "subscription ($id: Int!) { article_by_pk(id: $id) { id views } }", "{'id':4}", 2)) {
            JsonNode first = client.next();
            assertEquals(100, first.at("/next/data/article_by_pk/views").asLong(), first.toString());
            sql("UPDATE article SET views = views + " + delta + " WHERE id = 4");
            JsonNode second = client.next();
            assertEquals(100 + delta, second.at("/next/data/article_by_pk/views").asLong(), second.toString());
            assertTrue(client.exited(10));
        } finally {
            sql("UPDATE article SET views = 100 WHERE id = 4");
        }
    }

    @Test
    void graphqlWsClientGetsLiveResults() throws Exception {
        liveQueryFollowsChanges("transport", 7);
    }

    @Test
    void subscriptionsTransportWsClientGetsLiveResults() throws Exception {
        liveQueryFollowsChanges("legacy", 9);
    }

    @Test
    void permissionsApplyToSubscriptions() throws Exception {
        for (String protocol : new String[]{"transport", "legacy"}) {
            try (NodeClient client = NodeClient.start(base, protocol, AUTHOR_2,
                    "subscription { article(order_by: {id: asc}) { id } }", "{}", 1)) {
                JsonNode first = client.next();
                assertEquals("[{\"id\":3},{\"id\":4}]", first.at("/next/data/article").toString(), protocol);
            }
        }
    }

    @Test
    void queriesOverTheSocketAnswerOnceAndComplete() throws Exception {
        for (String protocol : new String[]{"transport", "legacy"}) {
            try (NodeClient client = NodeClient.start(base, protocol, "{}",
                    "query { author_by_pk(id: 1) { name } }", "{}", 5)) {
                assertEquals("Ada Lovelace", client.next().at("/next/data/author_by_pk/name").asText(), protocol);
                assertEquals(true, client.next().path("complete").asBoolean(), protocol);
            }
        }
    }

    @Test
    void mutationsOverTheSocketChangeDataAndLiveQueriesSeeIt() throws Exception {
        try (NodeClient watcher = NodeClient.start(base, "transport", "{}",
                "subscription { comment_by_pk(id: 2) { likes } }", "{}", 2)) {
            assertEquals(3, watcher.next().at("/next/data/comment_by_pk/likes").asInt());
            for (String protocol : new String[]{"transport", "legacy"}) {
                try (NodeClient client = NodeClient.start(base, protocol, "{}",
                        "mutation { update_comment_by_pk(pk_columns: {id: 2}, _inc: {likes: 1}) { likes } }", "{}", 5)) {
                    JsonNode e = client.next();
                    assertTrue(e.at("/next/data/update_comment_by_pk/likes").isInt(), e.toString());
                    assertEquals(true, client.next().path("complete").asBoolean(), protocol);
                }
            }
            assertTrue(watcher.next().at("/next/data/comment_by_pk/likes").asInt() > 3);
        } finally {
            sql("UPDATE comment SET likes = 3 WHERE id = 2");
        }
    }

    @Test
    void invalidSubscriptionIsAnErrorForTheClient() throws Exception {
        try (NodeClient client = NodeClient.start(base, "transport", "{}", "subscription { nope { id } }", "{}", 1)) {
            JsonNode e = client.next();
            assertEquals("validation-failed", e.at("/error/0/extensions/code").asText(), e.toString());
        }
        try (NodeClient client = NodeClient.start(base, "legacy", "{}", "subscription { nope { id } }", "{}", 1)) {
            JsonNode e = client.next();
            assertTrue(e.has("error"), e.toString());
        }
    }

    @Test
    void graphqlWsClientStreamsNewRows() throws Exception {
        try (NodeClient client = NodeClient.start(base, "transport", "{}",
                "subscription { comment_stream(batch_size: 10, cursor: {initial_value: {id: 5}}) { id body } }", "{}", 1)) {
            sql("INSERT INTO comment (article_id, body) VALUES (3, 'streamed')");
            JsonNode e = client.next();
            assertEquals("streamed", e.at("/next/data/comment_stream/0/body").asText(), e.toString());
        } finally {
            sql("DELETE FROM comment WHERE id > 5");
        }
    }

    @Test
    void aLiveQueryMayHaveSeveralRootFields() throws Exception {
        for (String protocol : new String[]{"transport", "legacy"}) {
            try (NodeClient client = NodeClient.start(base, protocol, AUTHOR_2, "subscription { a: article_by_pk(id: 4) "
                    + "{ views } b: author_by_pk(id: 2) { id } c: article_aggregate { aggregate { count } } }", "{}", 2)) {
                JsonNode first = client.next();
                assertEquals(100, first.at("/next/data/a/views").asLong(), protocol + ": " + first);
                assertEquals(2, first.at("/next/data/b/id").asInt(), first.toString());
                assertEquals(2, first.at("/next/data/c/aggregate/count").asInt(), first.toString());
                sql("UPDATE article SET views = views + 1 WHERE id = 4");
                JsonNode second = client.next();
                assertEquals(101, second.at("/next/data/a/views").asLong(), protocol + ": " + second);
                assertEquals(2, second.at("/next/data/b/id").asInt(), second.toString());
            } finally {
                sql("UPDATE article SET views = 100 WHERE id = 4");
            }
        }
    }

    @Test
    void aStreamingSubscriptionMustHaveOneRootField() throws Exception {
        String query = "subscription { a: comment_stream(batch_size: 1, cursor: {initial_value: {id: 0}}) { id } b: article { id } }";
        try (NodeClient client = NodeClient.start(base, "transport", "{}", query, "{}", 1)) {
            JsonNode e = client.next();
            assertEquals("validation-failed", e.at("/error/0/extensions/code").asText(), e.toString());
            assertTrue(e.at("/error/0/message").asText().contains("exactly one root field"), e.toString());
        }
        try (NodeClient client = NodeClient.start(base, "legacy", "{}", query, "{}", 1)) {
            JsonNode e = client.next();
            assertTrue(e.has("error"), e.toString());
        }
    }
}
