package io.threefactor.engine.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.auth.IdentityProvider;
import io.threefactor.engine.auth.JwtProfile;
import io.threefactor.engine.auth.Token;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Credentials in connection_init (JWT, admin secret, unauthorized role), refusal and expiry, on both protocols. */
@QuarkusTest
@TestProfile(JwtProfile.class)
class SocketAuthTest {

    @TestHTTPResource("/")
    URL base;

    private static String token(Duration life) {
        return Token.claims().issuer("hs256-issuer").hasura(List.of("author"), "author", "2").expiresIn(life)
                .signHmac(IdentityProvider.get().hs256Secret, "HS256");
    }

    private static String init(String headers) {
        return "{'type':'connection_init','payload':{'headers':" + headers + "}}";
    }

    @Test
    void jwtInConnectionInitSetsRoleAndSessionAndExpiryClosesTheSocket() throws Exception {
        try (WsClient c = WsClient.connect(base, "graphql-transport-ws")) {
            c.send(init("{'Authorization':'Bearer " + token(Duration.ofSeconds(3)) + "'}"));
            assertEquals("connection_ack", c.next().get("type").asText());
            c.send("{'type':'subscribe','id':'1','payload':{'query':'subscription { article(order_by: {id: asc}) { id } }'}}");
            JsonNode first = c.next();
            assertEquals("[{\"id\":3},{\"id\":4}]", first.at("/payload/data/article").toString(), "author 2's rows");
            assertEquals(4403, c.awaitClose(), "closed when the token expires");
        }
    }

    @Test
    void legacyProtocolGetsConnectionErrorOnExpiry() throws Exception {
        try (WsClient c = WsClient.connect(base, "graphql-ws")) {
            c.send(init("{'authorization':'Bearer " + token(Duration.ofSeconds(2)) + "'}"));
            assertEquals("connection_ack", c.next().get("type").asText());
            JsonNode error = c.next();
            assertEquals("connection_error", error.get("type").asText());
            assertTrue(error.get("payload").asText().contains("JWTExpired"), "Hasura's payload is the message text");
            assertEquals(4400, c.awaitClose());
        }
    }

    @Test
    void badCredentialsAreRefused() throws Exception {
        try (WsClient c = WsClient.connect(base, "graphql-transport-ws")) {
            c.send(init("{'Authorization':'Bearer not.a.token'}"));
            assertEquals(4403, c.awaitClose());
        }
        try (WsClient c = WsClient.connect(base, "graphql-transport-ws")) {
            c.send(init("{'x-hasura-admin-secret':'wrong'}"));
            assertEquals(4403, c.awaitClose());
        }
        try (WsClient c = WsClient.connect(base, "graphql-ws")) {
            c.send(init("{'Authorization':'Bearer not.a.token'}"));
            JsonNode error = c.next();
            assertEquals("connection_error", error.get("type").asText());
            assertTrue(error.get("payload").isTextual(), "Hasura's payload is the message text");
            assertEquals(4400, c.awaitClose(), "Hasura closes a refused legacy connection_init with 4400");
        }
    }

    @Test
    void adminSecretAndUnauthorizedRole() throws Exception {
        try (WsClient c = WsClient.connect(base, "graphql-transport-ws")) {
            c.send(init("{'X-Hasura-Admin-Secret':'" + JwtProfile.ADMIN_SECRET + "'}"));
            assertEquals("connection_ack", c.next().get("type").asText());
            c.send("{'type':'subscribe','id':'1','payload':{'query':'subscription { article_aggregate { aggregate { count } } }'}}");
            assertEquals(5, c.next().at("/payload/data/article_aggregate/aggregate/count").asInt());
        }
        try (WsClient c = WsClient.connect(base, "graphql-transport-ws")) {
            c.send("{'type':'connection_init'}");
            assertEquals("connection_ack", c.next().get("type").asText());
            c.send("{'type':'subscribe','id':'1','payload':{'query':'subscription { article { id } }'}}");
            assertEquals(3, c.next().at("/payload/data/article").size(), "reader: published articles, limit 3");
        }
    }
}
