package io.threefactor.engine.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.LibraryDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.threefactor.engine.auth.Requests.AUTHOR_2;
import static io.threefactor.engine.auth.Requests.error;
import static io.threefactor.engine.auth.Requests.withBearer;
import static io.threefactor.engine.auth.Requests.withHeaders;
import static org.jose4j.jws.AlgorithmIdentifiers.HMAC_SHA256;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code HASURA_GRAPHQL_JWT_SECRET} (one configuration) and no unauthorized role: a request needs credentials. */
@QuarkusTest
@TestProfile(JwtWithoutUnauthorizedRoleTest.Profile.class)
class JwtWithoutUnauthorizedRoleTest {

    static final String SECRET = "a-single-hs256-secret-of-32-chars-or-more";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("threefactor.admin-secret", "secret",
                    "threefactor.jwt-secret", "{\"type\":\"HS256\",\"key\":\"" + SECRET + "\"}");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LibraryDatabase.class));
        }
    }

    @Test
    void requestWithoutATokenIsRefused() {
        assertEquals(error("invalid-headers", "Missing `Authorization` or `Cookie` header in JWT authentication mode"
                        .replace('`', '\'')),
                withHeaders());
    }

    @Test
    void tokenWithoutIssuerOrAudienceIsAcceptedWhenNoneIsConfigured() {
        assertEquals(AUTHOR_2, withBearer(Token.claims().signHmac(SECRET, HMAC_SHA256)));
    }
}
