package io.threefactor.engine.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.threefactor.engine.auth.JwtProfile.COACH_ISSUER;
import static io.threefactor.engine.auth.JwtProfile.COACH_PROJECT;
import static io.threefactor.engine.auth.Requests.AUTHOR_2;
import static io.threefactor.engine.auth.Requests.error;
import static io.threefactor.engine.auth.Requests.withBearer;
import static org.jose4j.jws.AlgorithmIdentifiers.RSA_USING_SHA256;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keys from a {@code jwk_url}: fetched at start-up and cached (a token with a known {@code kid} causes no fetch);
 * a token with an unknown {@code kid} causes one fetch, which picks up a rotated key.
 */
@QuarkusTest
@TestProfile(JwtProfile.class)
class JwksTest {

    private static final String COACH_JWKS = "/coach/jwks";
    private static final String CACHE_CONTROL = "public, max-age=3600, must-revalidate, no-transform";

    private final IdentityProvider idp = IdentityProvider.get();

    private String coachToken(PublicJsonWebKey key) {
        return Token.claims().issuer(COACH_ISSUER).audience(COACH_PROJECT).sign(key, RSA_USING_SHA256);
    }

    @AfterEach
    void restoreTheOriginalKey() {
        idp.serve(COACH_JWKS, CACHE_CONTROL, idp.coachKey);
        withBearer(coachToken(idp.coachKey));
    }

    @Test
    void cachedKeysServeRequestsWithoutFetching() {
        withBearer(coachToken(idp.coachKey));
        int before = idp.fetches(COACH_JWKS);
        for (int i = 0; i < 5; i++) {
            assertEquals(AUTHOR_2, withBearer(coachToken(idp.coachKey)));
        }
        assertEquals(before, idp.fetches(COACH_JWKS));
    }

    @Test
    void unknownKidIsRefetchedOnceThenRefused() throws Exception {
        PublicJsonWebKey stranger = RsaJwkGenerator.generateJwk(2048);
        stranger.setKeyId("no-such-key");
        int before = idp.fetches(COACH_JWKS);
        assertEquals(error("invalid-jwt", "Could not verify JWT: JWSError NoUsableKeys"),
                withBearer(coachToken(stranger)));
        assertEquals(before + 1, idp.fetches(COACH_JWKS));
    }

    @Test
    void rotatedKeyWorksAfterOneRefetch() {
        idp.serve(COACH_JWKS, CACHE_CONTROL, idp.coachRotatedKey);
        int before = idp.fetches(COACH_JWKS);
        assertEquals(AUTHOR_2, withBearer(coachToken(idp.coachRotatedKey)));
        assertEquals(before + 1, idp.fetches(COACH_JWKS));
        assertEquals(AUTHOR_2, withBearer(coachToken(idp.coachRotatedKey)));
        assertEquals(before + 1, idp.fetches(COACH_JWKS), "the rotated key is cached now");

        // the old key was withdrawn by the identity provider: after a refetch it is refused
        assertEquals(error("invalid-jwt", "Could not verify JWT: JWSError NoUsableKeys"),
                withBearer(coachToken(idp.coachKey)));
        assertEquals(before + 2, idp.fetches(COACH_JWKS));
    }
}
