package io.threefactor.engine.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.LibraryProfile;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Protocol errors get the protocol's close code or error message, and the server keeps serving. */
@QuarkusTest
@TestProfile(LibraryProfile.class)
class ProtocolErrorsTest {

    static final String INIT_AUTHOR = "{'type':'connection_init','payload':{'headers':{'x-hasura-role':'author','x-hasura-user-id':'2'}}}";

    @TestHTTPResource("/")
    URL base;

    @Test
    void subscribeBeforeAckCloses4401() throws Exception {
        try (WsClient c = WsClient.connect(base, "graphql-transport-ws")) {
            c.send("{'type':'subscribe','id':'1','payload':{'query':'subscription { author { id } }'}}");
            assertEquals(4401, c.awaitClose());
        }
    }

    @Test
    void secondInitCloses4429() throws Exception {
        try (WsClient c = WsClient.connect(base, "graphql-transport-ws")) {
            c.send(INIT_AUTHOR);
            assertEquals("connection_ack", c.next().get("type").asText());
            c.send(INIT_AUTHOR);
            assertEquals(4429, c.awaitClose());
        }
    }

    @Test
    void duplicateIdCloses4409() throws Exception {
        try (WsClient c = WsClient.connect(base, "graphql-transport-ws")) {
            c.send(INIT_AUTHOR);
            assertEquals("connection_ack", c.next().get("type").asText());
            c.send("{'type':'subscribe','id':'a','payload':{'query':'subscription { article { id } }'}}");
            assertEquals("next", c.next().get("type").asText());
            c.send("{'type':'subscribe','id':'a','payload':{'query':'subscription { article { id } }'}}");
            assertEquals(4409, c.awaitClose());
        }
    }

    @Test
    void unknownTypeAndInvalidJsonClose4400() throws Exception {
        try (WsClient c = WsClient.connect(base, "graphql-transport-ws")) {
            c.send("{'type':'what'}");
            assertEquals(4400, c.awaitClose());
        }
        try (WsClient c = WsClient.connect(base, "graphql-transport-ws")) {
            c.send("not json");
            assertEquals(4400, c.awaitClose());
        }
    }

    @Test
    void invalidQueryGetsAnErrorMessageAndTheSocketStaysUsable() throws Exception {
        try (WsClient c = WsClient.connect(base, "graphql-transport-ws")) {
            c.send(INIT_AUTHOR);
            assertEquals("connection_ack", c.next().get("type").asText());
            c.send("{'type':'subscribe','id':'1','payload':{'query':'subscription { nope { id } }'}}");
            JsonNode error = c.next();
            assertEquals("error", error.get("type").asText());
            assertEquals("1", error.get("id").asText());
            assertTrue(error.get("payload").isArray());
            assertEquals("validation-failed", error.get("payload").get(0).get("extensions").get("code").asText());
            assertEquals("{\"type\":\"complete\",\"id\":\"1\"}", c.next().toString(), "Hasura completes it");
            c.send("{'type':'ping'}");
            assertEquals("pong", c.next().get("type").asText());
            c.send("{'type':'subscribe','id':'2','payload':{'query':'query { article_by_pk(id: 3) { id } }'}}");
            JsonNode next = c.next();
            assertEquals("next", next.get("type").asText());
            assertEquals(3, next.at("/payload/data/article_by_pk/id").asInt());
            assertEquals("complete", c.next().get("type").asText());
        }
    }

    @Test
    void unsupportedSubprotocolIsRefused() throws Exception {
        try (WsClient c = WsClient.connect(base, "mqtt")) {
            assertEquals(4406, c.awaitClose());
        } catch (java.util.concurrent.ExecutionException e) {
            // refusing the handshake is fine too
        }
    }

    @Test
    void refusedCredentialsClose4403() throws Exception {
        // The library profile has no admin secret, so every session is accepted; bad JSON headers are not.
        try (WsClient c = WsClient.connect(base, "graphql-ws")) {
            c.send("{'type':'bogus'}");
            JsonNode error = c.next();
            assertEquals("connection_error", error.get("type").asText());
            c.send(INIT_AUTHOR);
            assertEquals("connection_ack", c.next().get("type").asText());
            c.send("{'type':'start','id':'1','payload':{'query':'subscription { nope { id } }'}}");
            JsonNode e2 = c.next();
            assertEquals("error", e2.get("type").asText());
            assertEquals("complete", c.next().get("type").asText());
            c.send("{'type':'connection_terminate'}");
            assertEquals(1000, c.awaitClose());
        }
    }

    @Test
    void httpPostOnTheSamePathStillWorks() {
        given().contentType("application/json").body("{\"query\":\"{ article_by_pk(id: 1) { id } }\"}")
                .post("/v1/graphql").then().statusCode(200).body("data.article_by_pk.id", equalTo(1));
    }

    @Test
    void legacyKeepAlivesComeEveryInterval() throws Exception {
        try (WsClient c = WsClient.connect(base, "graphql-ws")) {
            c.send(INIT_AUTHOR);
            assertEquals("connection_ack", c.messages.poll(10, java.util.concurrent.TimeUnit.SECONDS).get("type").asText());
            assertEquals("ka", c.messages.poll(1, java.util.concurrent.TimeUnit.SECONDS).get("type").asText(), "one at once");
            JsonNode next = c.messages.poll(6, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals("ka", next == null ? null : next.get("type").asText(), "then one within the 5 s interval");
        }
    }
}
