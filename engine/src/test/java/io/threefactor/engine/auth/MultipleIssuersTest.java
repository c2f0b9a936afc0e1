package io.threefactor.engine.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.threefactor.engine.support.Graphql;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.threefactor.engine.auth.JwtProfile.CLIENT_ISSUER;
import static io.threefactor.engine.auth.JwtProfile.CLIENT_PROJECT;
import static io.threefactor.engine.auth.JwtProfile.COACH_ISSUER;
import static io.threefactor.engine.auth.JwtProfile.COACH_PROJECT;
import static io.threefactor.engine.auth.Requests.error;
import static io.threefactor.engine.auth.Requests.withBearer;
import static org.jose4j.jws.AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256;
import static org.jose4j.jws.AlgorithmIdentifiers.RSA_USING_SHA256;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code HASURA_GRAPHQL_JWT_SECRETS} with two Firebase-style identity projects, one for coaches and one for
 * clients: each token is verified by the configuration whose issuer it names, with that project's keys.
 */
@QuarkusTest
@TestProfile(JwtProfile.class)
class MultipleIssuersTest {

    private final IdentityProvider idp = IdentityProvider.get();

    private static final String AUTHOR_1 = Graphql.json("{'data':{'author':[{'id':1}]}}");
    private static final String AUTHOR_4 = Graphql.json("{'data':{'author':[{'id':4}]}}");

    @Test
    void coachAndClientTokensAreEachVerifiedByTheirOwnProject() {
        String coach = Token.claims().issuer(COACH_ISSUER).audience(COACH_PROJECT)
                .hasura(List.of("author"), "author", "1").sign(idp.coachKey, RSA_USING_SHA256);
        String client = Token.claims().issuer(CLIENT_ISSUER).audience(CLIENT_PROJECT)
                .hasura(List.of("author"), "author", "4").sign(idp.clientKey, ECDSA_USING_P256_CURVE_AND_SHA256);
        assertEquals(AUTHOR_1, withBearer(coach));
        assertEquals(AUTHOR_4, withBearer(client));
    }

    @Test
    void aTokenSignedByTheOtherProjectsKeyIsRejected() {
        String clientKeyCoachIssuer = Token.claims().issuer(COACH_ISSUER).audience(COACH_PROJECT)
                .sign(idp.clientKey, ECDSA_USING_P256_CURVE_AND_SHA256);
        assertEquals(error("invalid-jwt", "Could not verify JWT: JWSError NoUsableKeys"),
                withBearer(clientKeyCoachIssuer));
    }

    @Test
    void aTokenForTheOtherProjectsAudienceIsRejected() {
        String token = Token.claims().issuer(CLIENT_ISSUER).audience(COACH_PROJECT)
                .sign(idp.clientKey, ECDSA_USING_P256_CURVE_AND_SHA256);
        assertEquals(error("invalid-jwt", "Could not verify JWT: JWTNotInAudience"), withBearer(token));
    }

    @Test
    void withoutAnIssuerTheAudiencePicksTheConfigurationWhichThenRequiresTheIssuer() {
        String token = Token.claims().audience(COACH_PROJECT).sign(idp.coachKey, RSA_USING_SHA256);
        assertEquals(error("invalid-jwt", "Could not verify JWT: JWTNotInIssuer"), withBearer(token));
    }

    @Test
    void withNeitherIssuerNorAudienceTheTokenIsAmbiguous() {
        String token = Token.claims().sign(idp.coachKey, RSA_USING_SHA256);
        assertEquals(error("invalid-headers", "Could not verify JWT: Multiple JWTs found"), withBearer(token));
    }
}
