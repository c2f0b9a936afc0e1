package io.threefactor.engine.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.MetadataApi;
import io.threefactor.engine.support.MetadataApiDatabase;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Running subscriptions follow metadata changes: after a reload each is planned again, so a permission change
 * applies to it at once, and one that asks for something no longer there ends with the protocol's error.
 */
@QuarkusTest
@TestProfile(SubscriptionReloadTest.OwnDatabase.class)
class SubscriptionReloadTest {

    /** The metadata-api fixture on a database of its own, since this test changes metadata. */
    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(MetadataApiDatabase.class));
        }
    }

    @TestHTTPResource("/")
    URL base;

    static void ok(MetadataApi.Answer a) {
        assertEquals(200, a.status(), a.text());
    }

    static WsClient user(URL base, String protocol) throws Exception {
        WsClient c = WsClient.connect(base, protocol);
        c.send("{'type':'connection_init','payload':{'headers':{'x-hasura-admin-secret':'" + MetadataApiDatabase.ADMIN_SECRET
                + "','x-hasura-role':'user','x-hasura-user-id':'1'}}}");
        assertEquals("connection_ack", c.next().get("type").asText());
        return c;
    }

    static String permission(String columns, String filter) {
        return "{'type':'pg_create_select_permission','args':{'table':'author','role':'user','permission':{"
                + "'columns':" + columns + ",'filter':" + filter + "}}}";
    }

    @Test
    void permissionChangesApplyAndVanishedFieldsEndTheSubscription() throws Exception {
        ok(MetadataApi.metadata(permission("['id','name','email']", "{'id':{'_eq':'X-Hasura-User-Id'}}")));
        try (WsClient live = user(base, "graphql-transport-ws");
             WsClient transport = user(base, "graphql-transport-ws");
             WsClient legacy = user(base, "graphql-ws");
             WsClient stream = user(base, "graphql-transport-ws")) {
            live.send("{'type':'subscribe','id':'a','payload':{'query':'subscription { author(order_by: {id: asc}) { id name } }'}}");
            assertEquals("[{\"id\":1,\"name\":\"Ada\"}]", live.next().at("/payload/data/author").toString());
            transport.send("{'type':'subscribe','id':'e','payload':{'query':'subscription { author { email } }'}}");
            assertEquals("ada@example.com", transport.next().at("/payload/data/author/0/email").asText());
            legacy.send("{'type':'start','id':'e','payload':{'query':'subscription { author { email } }'}}");
            assertEquals("ada@example.com", legacy.next().at("/payload/data/author/0/email").asText());
            stream.send("{'type':'subscribe','id':'s','payload':{'query':'subscription { author_stream(batch_size: 10, "
                    + "cursor: {initial_value: {id: 0}}) { id name } }'}}");
            assertEquals("[{\"id\":1,\"name\":\"Ada\"}]", stream.next().at("/payload/data/author_stream").toString());

            // every author's row, and no email column any more
            ok(MetadataApi.metadata("{'type':'bulk','args':[{'type':'pg_drop_select_permission','args':{'table':'author','role':'user'}},"
                    + permission("['id','name']", "{}") + "]}"));

            assertEquals("[{\"id\":1,\"name\":\"Ada\"},{\"id\":2,\"name\":\"Alan\"}]",
                    live.next().at("/payload/data/author").toString(), "the new filter applies to the running subscription");
            assertEquals("[{\"id\":2,\"name\":\"Alan\"}]", stream.next().at("/payload/data/author_stream").toString(),
                    "a running stream goes on from its cursor with the new filter");
            JsonNode error = transport.next();
            assertEquals("error", error.get("type").asText(), error.toString());
            assertEquals("e", error.get("id").asText());
            assertEquals("validation-failed", error.at("/payload/0/extensions/code").asText(), error.toString());
            assertTrue(error.at("/payload/0/message").asText().contains("email"), error.toString());
            JsonNode legacyError = legacy.next();
            assertEquals("error", legacyError.get("type").asText(), legacyError.toString());
            assertTrue(legacyError.at("/payload/errors/0/message").asText().contains("email"), legacyError.toString());

            // the ended subscriptions get nothing more; the live one goes on
            ok(MetadataApi.post("/v2/query", "{\"type\":\"run_sql\",\"args\":{\"sql\":\"UPDATE author SET name = 'Ada L.' WHERE id = 1\"}}"));
            assertEquals("Ada L.", live.next().at("/payload/data/author/0/name").asText());
            assertNull(transport.poll(300));
            assertNull(legacy.poll(300));
        }
    }
}
