package io.threefactor.engine.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static io.threefactor.engine.auth.JwtProfile.ADMIN_SECRET;
import static io.threefactor.engine.auth.Requests.AUTHOR_2;
import static io.threefactor.engine.auth.Requests.READER;
import static io.threefactor.engine.auth.Requests.error;
import static io.threefactor.engine.auth.Requests.withBearer;
import static io.threefactor.engine.auth.Requests.withHeaders;
import static org.jose4j.jws.AlgorithmIdentifiers.HMAC_SHA256;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Admin secret, JWT and no credentials side by side, as in Hasura's JWT mode. */
@QuarkusTest
@TestProfile(JwtProfile.class)
class CredentialsTest {

    private static final String ALL_AUTHORS = io.threefactor.engine.support.Graphql.json(
            "{'data':{'author':[{'id':1},{'id':2},{'id':3},{'id':4}]}}");

    private final IdentityProvider idp = IdentityProvider.get();

    @Test
    void noCredentialsRunAsTheUnauthorizedRole() {
        assertEquals(READER, withHeaders());
    }

    @Test
    void adminSecretMakesTheRequestAdmin() {
        assertEquals(ALL_AUTHORS, withHeaders("x-hasura-admin-secret", ADMIN_SECRET));
        assertEquals(ALL_AUTHORS, withHeaders("x-hasura-access-key", ADMIN_SECRET));
    }

    @Test
    void adminMayActAsARoleWithSessionVariables() {
        assertEquals(AUTHOR_2, withHeaders("x-hasura-admin-secret", ADMIN_SECRET,
                "x-hasura-role", "author", "x-hasura-user-id", "2"));
        assertEquals(READER, withHeaders("x-hasura-admin-secret", ADMIN_SECRET, "x-hasura-role", "reader"));
    }

    @Test
    void adminSecretWinsOverAToken() {
        String token = Token.claims().issuer("hs256-issuer").signHmac(idp.hs256Secret, HMAC_SHA256);
        assertEquals(ALL_AUTHORS, withBearer(token, "x-hasura-admin-secret", ADMIN_SECRET));
        String expired = Token.claims().issuer("hs256-issuer").expiresIn(java.time.Duration.ofHours(-1))
                .signHmac(idp.hs256Secret, HMAC_SHA256);
        assertEquals(ALL_AUTHORS, withBearer(expired, "x-hasura-admin-secret", ADMIN_SECRET));
    }

    @Test
    void wrongAdminSecretIsRefusedEvenWithAValidToken() {
        String token = Token.claims().issuer("hs256-issuer").signHmac(idp.hs256Secret, HMAC_SHA256);
        assertEquals(error("access-denied", "invalid x-hasura-admin-secret/x-hasura-access-key"),
                withBearer(token, "x-hasura-admin-secret", "guess"));
    }

    @Test
    void aTokenIsNeverReplacedByTheUnauthorizedRole() {
        String expired = Token.claims().issuer("hs256-issuer").expiresIn(java.time.Duration.ofHours(-1))
                .signHmac(idp.hs256Secret, HMAC_SHA256);
        assertEquals(error("invalid-jwt", "Could not verify JWT: JWTExpired"), withBearer(expired));
    }
}
