package io.threefactor.engine.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.session.Session;
import io.threefactor.engine.support.Graphql;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.threefactor.engine.auth.Requests.AUTHOR_2;
import static io.threefactor.engine.auth.Requests.READER;
import static io.threefactor.engine.auth.Requests.withBearer;
import static org.jose4j.jws.AlgorithmIdentifiers.HMAC_SHA256;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where the Hasura claims are read from, and what the session gets from them. */
@QuarkusTest
@TestProfile(JwtProfile.class)
class ClaimsTest {

    private final IdentityProvider idp = IdentityProvider.get();

    @Inject
    SessionResolver sessions;

    private Session session(String token, String... headers) {
        Map<String, String> h = new java.util.HashMap<>(Map.of("Authorization", "Bearer " + token));
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        Map<String, String> lower = new java.util.HashMap<>();
        h.forEach((k, v) -> lower.put(k.toLowerCase(), v));
        return sessions.resolve(name -> lower.get(name.toLowerCase()), h.keySet());
    }

    @Test
    void sessionHasTheDefaultRoleTheXHasuraClaimsAndTheExpiry() {
        Instant exp = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        String token = Token.claims().issuer("hs256-issuer").expiresIn(Duration.between(Instant.now(), exp)
                        .plusMillis(500))
                .claim(JwtConfig.DEFAULT_NAMESPACE, "{\"x-hasura-allowed-roles\":[\"author\",\"reader\"],"
                        + "\"x-hasura-default-role\":\"author\",\"X-Hasura-User-Id\":\"2\","
                        + "\"x-hasura-article-ids\":[3,4],\"not-a-session-variable\":\"ignored\"}")
                .signHmac(idp.hs256Secret, HMAC_SHA256);
        Session session = session(token);
        assertEquals("author", session.role());
        assertEquals(Map.of("x-hasura-role", "author", "x-hasura-user-id", "2", "x-hasura-article-ids", "[3,4]"),
                session.variables());
        assertEquals(Optional.of(exp), session.expiresAt());
        assertEquals(false, session.adminSecretVerified());
    }

    @Test
    void xHasuraRoleHeaderPicksAnotherAllowedRole() {
        String token = Token.claims().issuer("hs256-issuer").signHmac(idp.hs256Secret, HMAC_SHA256);
        assertEquals(AUTHOR_2, withBearer(token));
        assertEquals(READER, withBearer(token, "x-hasura-role", "reader"));
        assertEquals("reader", session(token, "X-Hasura-Role", "reader").role());
    }

    @Test
    void otherXHasuraHeadersDoNotOverrideTheTokensClaims() {
        String token = Token.claims().issuer("hs256-issuer").signHmac(idp.hs256Secret, HMAC_SHA256);
        assertEquals(AUTHOR_2, withBearer(token, "x-hasura-user-id", "1"));
    }

    @Test
    void claimsNamespacePath() {
        String token = Token.claims().issuer("path-issuer").hasuraClaimsAt("ignored")
                .claim("app", "{\"hasura claims\":{\"x-hasura-allowed-roles\":[\"author\"],"
                        + "\"x-hasura-default-role\":\"author\",\"x-hasura-user-id\":\"2\"}}")
                .signHmac(idp.hs256Secret, HMAC_SHA256);
        assertEquals(AUTHOR_2, withBearer(token));
        assertEquals(Requests.error("jwt-invalid-claims",
                        "claims not found at claims_namespace_path: '$.app['hasura claims']'"),
                withBearer(Token.claims().issuer("path-issuer").signHmac(idp.hs256Secret, HMAC_SHA256)));
    }

    @Test
    void stringifiedJsonClaims() {
        Token claims = Token.claims().issuer("stringified-issuer");
        String token = claims.claim("hasura", new com.fasterxml.jackson.databind.node.TextNode(
                claims.hasuraClaimsJson()).toString()).without(JwtConfig.DEFAULT_NAMESPACE)
                .signHmac(idp.hs256Secret, HMAC_SHA256);
        assertEquals(AUTHOR_2, withBearer(token));
    }

    @Test
    void claimsMapReadsPathsWithDefaultsAndLiterals() {
        String token = Token.claims().issuer("map-issuer").without(JwtConfig.DEFAULT_NAMESPACE)
                .claim("user", "{\"id\":\"2\",\"roles\":[\"author\",\"reader\"],\"primary_role\":\"author\"}")
                .signHmac(idp.hs256Secret, HMAC_SHA256);
        assertEquals(AUTHOR_2, withBearer(token));
        Session session = session(token);
        assertEquals(Map.of("x-hasura-role", "author", "x-hasura-user-id", "2", "x-hasura-library", "central"),
                session.variables());

        String withoutPrimaryRole = Token.claims().issuer("map-issuer").without(JwtConfig.DEFAULT_NAMESPACE)
                .claim("user", "{\"id\":\"2\",\"roles\":[\"author\",\"reader\"]}")
                .signHmac(idp.hs256Secret, HMAC_SHA256);
        assertEquals(READER, withBearer(withoutPrimaryRole), "the default role's default: reader");

        String withoutId = Token.claims().issuer("map-issuer").without(JwtConfig.DEFAULT_NAMESPACE)
                .claim("user", "{\"roles\":[\"author\"],\"primary_role\":\"author\"}")
                .signHmac(idp.hs256Secret, HMAC_SHA256);
        assertEquals(Requests.error("jwt-invalid-claims", "JWT claim from claims_map, x-hasura-user-id not found"),
                withBearer(withoutId));

        String withoutRoles = Token.claims().issuer("map-issuer").without(JwtConfig.DEFAULT_NAMESPACE)
                .claim("user", "{\"id\":\"2\"}").signHmac(idp.hs256Secret, HMAC_SHA256);
        assertEquals(Requests.error("jwt-missing-role-claims", "JWT claim does not contain x-hasura-allowed-roles"),
                withBearer(withoutRoles));
    }

    @Test
    void tokenInACookie() {
        String token = Token.claims().issuer("cookie-issuer").signHmac(idp.hs256Secret, HMAC_SHA256);
        assertEquals(AUTHOR_2, Graphql.query(Requests.AUTHORS, Map.of(),
                Map.of("Cookie", "theme=dark; token=" + token + "; lang=en")));
        assertEquals(READER, Graphql.query(Requests.AUTHORS, Map.of(), Map.of("Cookie", "theme=dark")),
                "no token cookie: the unauthorized role");
    }

    @Test
    void rolesFromTheToken() {
        String readerOnly = Token.claims().issuer("hs256-issuer").hasura(List.of("reader"), "reader", "2")
                .signHmac(idp.hs256Secret, HMAC_SHA256);
        assertEquals(READER, withBearer(readerOnly));
    }
}
