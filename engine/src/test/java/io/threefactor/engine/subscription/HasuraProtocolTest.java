package io.threefactor.engine.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.LibraryProfile;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The frames Hasura sends where a client breaks the protocol or an operation fails
 * (server/src-lib/Hasura/GraphQL/Transport/WebSocket.hs and WSServerApp.hs): both protocols read the same message
 * types; a text that is no message — unknown type, {@code stop}/{@code complete} without id, not JSON, a binary
 * message that is not UTF-8 JSON, a message over the size bound — gets a {@code connection_error} on the legacy
 * protocol (the socket stays) and closes graphql-transport-ws with 4400 and a reason; every operation the server
 * ends, also by an error, ends with {@code complete}.
 */
@QuarkusTest
@TestProfile(LibraryProfile.class)
class HasuraProtocolTest {

    static final String INIT = "{'type':'connection_init','payload':{'headers':{'x-hasura-role':'author','x-hasura-user-id':'2'}}}";
    static final String ARTICLE_3 = "{'query':'query { article_by_pk(id: 3) { id } }'}";
    /** Just over the default bound of 1 MiB. */
    static final String OVERSIZED = "{\"type\":\"start\",\"id\":\"big\",\"payload\":{\"query\":\"query { __typename }\","
            + "\"variables\":{\"pad\":\"" + "x".repeat(1_100_000) + "\"}}}";

    @TestHTTPResource("/")
    URL base;

    private static WsClient legacy(URL base) throws Exception {
        WsClient c = WsClient.connect(base, "graphql-ws");
        c.send(INIT);
        assertEquals("connection_ack", c.next().get("type").asText());
        return c;
    }

    private static WsClient transport(URL base) throws Exception {
        WsClient c = WsClient.connect(base, "graphql-transport-ws");
        c.send(INIT);
        assertEquals("connection_ack", c.next().get("type").asText());
        return c;
    }

    private static void assertStillServes(WsClient c, String start) throws Exception {
        c.send("{'type':'" + start + "','id':'q','payload':" + ARTICLE_3 + "}");
        assertEquals(3, c.next().at("/payload/data/article_by_pk/id").asInt());
        assertEquals("complete", c.next().get("type").asText());
    }

    @Test
    void legacyAnswersEveryTextThatIsNoMessageWithAConnectionErrorAndKeepsTheSocket() throws Exception {
        try (WsClient c = legacy(base)) {
            for (String bad : new String[] {"{'type':'test'}", "{'type':'stop'}", "{'type':'start','id':'1'}",
                    "{'type':'start','payload':" + ARTICLE_3 + "}", "not json", "[1]"}) {
                c.send(bad);
                JsonNode error = c.next();
                assertEquals("connection_error", error.get("type").asText(), bad);
                assertTrue(error.get("payload").asText().startsWith("parsing ClientMessage failed: "), error.toString());
                assertNull(error.get("id"));
            }
            assertStillServes(c, "start");
        }
    }

    @Test
    void transportClosesWith4400OnCompleteWithoutIdAndOnUnknownTypes() throws Exception {
        for (String bad : new String[] {"{'type':'complete'}", "{'type':'test'}", "{'type':'subscribe','id':'1'}"}) {
            try (WsClient c = transport(base)) {
                c.send(bad);
                assertEquals(4400, c.awaitClose(), bad);
                assertTrue(c.closeReason.startsWith("parsing ClientMessage failed: "), c.closeReason);
            }
        }
    }

    @Test
    void bothProtocolsReadEachOthersMessageTypes() throws Exception {
        try (WsClient c = legacy(base)) {
            assertStillServes(c, "subscribe");
        }
        try (WsClient c = transport(base)) {
            assertStillServes(c, "start");
        }
    }

    @Test
    void legacyErrorsAreWrappedInErrorsAndFollowedByComplete() throws Exception {
        try (WsClient c = legacy(base)) {
            c.send("{'type':'start','id':'1','payload':{'query':'query { nope { id } }'}}");
            JsonNode error = c.next();
            assertEquals("error", error.get("type").asText());
            assertEquals("validation-failed", error.at("/payload/errors/0/extensions/code").asText(), error.toString());
            assertEquals("{\"type\":\"complete\",\"id\":\"1\"}", c.next().toString());
        }
    }

    @Test
    void legacyDuplicateIdIsRefusedWithStartFailedAndTheRunningOperationGoesOn() throws Exception {
        try (WsClient c = legacy(base)) {
            c.send("{'type':'start','id':'live','payload':{'query':'subscription { article_by_pk(id: 3) { id } }'}}");
            assertEquals("data", c.next().get("type").asText());
            c.send("{'type':'start','id':'live','payload':" + ARTICLE_3 + "}");
            JsonNode error = c.next();
            assertEquals("error", error.get("type").asText());
            assertEquals("start-failed", error.at("/payload/extensions/code").asText(), error.toString());
            assertEquals("an operation already exists with this id: live", error.at("/payload/message").asText());
            assertEquals("complete", c.next().get("type").asText());
            c.send("{'type':'stop','id':'live'}");
            assertNull(c.poll(1500), "nothing after stop");
        }
    }

    @Test
    void legacyStartBeforeInitIsRefusedWithStartFailed() throws Exception {
        try (WsClient c = WsClient.connect(base, "graphql-ws")) {
            c.send("{'type':'start','id':'1','payload':" + ARTICLE_3 + "}");
            JsonNode error = c.next();
            assertEquals("start-failed", error.at("/payload/extensions/code").asText(), error.toString());
            assertEquals("complete", c.next().get("type").asText());
        }
    }

    @Test
    void binaryMessagesAreReadAsUtf8TextAndNonTextIsNoMessage() throws Exception {
        try (WsClient c = legacy(base)) {
            c.socket.writeBinaryMessage(Buffer.buffer(("{\"type\":\"start\",\"id\":\"b\",\"payload\":"
                    + ARTICLE_3.replace('\'', '"') + "}").getBytes()));
            assertEquals(3, c.next().at("/payload/data/article_by_pk/id").asInt());
            assertEquals("complete", c.next().get("type").asText());
            c.socket.writeBinaryMessage(Buffer.buffer(new byte[] {(byte) 0xff, 0, 1}));
            assertEquals("connection_error", c.next().get("type").asText());
        }
        try (WsClient c = transport(base)) {
            c.socket.writeBinaryMessage(Buffer.buffer(new byte[] {(byte) 0xff, 0, 1}));
            assertEquals(4400, c.awaitClose());
        }
    }

    @Test
    void aMessageOverTheBoundIsAnsweredInOneFrameOrInMany() throws Exception {
        try (WsClient c = legacy(base)) {
            c.socket.writeFrame(WebSocketFrame.textFrame(OVERSIZED, true));
            JsonNode error = c.next();
            assertEquals("connection_error", error.get("type").asText());
            assertTrue(error.get("payload").asText().contains("larger than 1048576 bytes"), error.toString());
            c.socket.writeTextMessage(OVERSIZED); // the client splits it into frames
            assertEquals("connection_error", c.next().get("type").asText());
            assertStillServes(c, "start");
        }
        try (WsClient c = transport(base)) {
            c.socket.writeFrame(WebSocketFrame.textFrame(OVERSIZED, true));
            assertEquals(4400, c.awaitClose());
            assertTrue(c.closeReason.contains("larger than"), c.closeReason);
        }
    }

    @Test
    void aLargeMessageUnderTheBoundIsServed() throws Exception {
        try (WsClient c = transport(base)) {
            c.socket.writeFrame(WebSocketFrame.textFrame("{\"type\":\"subscribe\",\"id\":\"x\",\"payload\":"
                    + "{\"query\":\"query { article_by_pk(id: 3) { id } }\",\"variables\":{\"pad\":\""
                    + "x".repeat(300_000) + "\"}}}", true));
            assertEquals(3, c.next().at("/payload/data/article_by_pk/id").asInt());
        }
    }

    @Test
    void aMissingSessionVariableRefusesQueriesAndSubscriptionsWithAnErrorThenComplete() throws Exception {
        for (String type : new String[] {"query", "subscription"}) {
            try (WsClient c = WsClient.connect(base, "graphql-transport-ws")) {
                c.send("{'type':'connection_init','payload':{'headers':{'x-hasura-role':'author'}}}");
                assertEquals("connection_ack", c.next().get("type").asText());
                c.send("{'type':'subscribe','id':'1','payload':{'query':'" + type + " { article { id } }'}}");
                JsonNode error = c.next();
                assertEquals("error", error.get("type").asText(), type + ": " + error);
                assertEquals("not-found", error.at("/payload/0/extensions/code").asText(), error.toString());
                assertEquals("missing session variable: \"x-hasura-user-id\"", error.at("/payload/0/message").asText());
                assertEquals("complete", c.next().get("type").asText());
            }
        }
    }

    @Test
    void theHiddenMultipleTopLevelFieldsDirectiveIsAcceptedOnSubscriptionsOnly() throws Exception {
        try (WsClient c = transport(base)) {
            c.send("{'type':'subscribe','id':'m','payload':{'query':'subscription @_multiple_top_level_fields "
                    + "{ a: article_by_pk(id: 3) { id } b: article_by_pk(id: 4) { id } }'}}");
            JsonNode next = c.next();
            assertEquals("next", next.get("type").asText(), next.toString());
            assertEquals("{\"a\":{\"id\":3},\"b\":{\"id\":4}}", next.at("/payload/data").toString());
            c.send("{'type':'subscribe','id':'q','payload':{'query':'query @_multiple_top_level_fields { article_by_pk(id: 3) { id } }'}}");
            assertEquals("validation-failed", c.next().at("/payload/0/extensions/code").asText());
        }
    }
}
