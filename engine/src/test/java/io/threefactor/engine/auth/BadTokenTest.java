package io.threefactor.engine.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.threefactor.engine.auth.Requests.AUTHOR_2;
import static io.threefactor.engine.auth.Requests.error;
import static io.threefactor.engine.auth.Requests.withBearer;
import static io.threefactor.engine.auth.Requests.withHeaders;
import static org.jose4j.jws.AlgorithmIdentifiers.HMAC_SHA256;
import static org.jose4j.jws.AlgorithmIdentifiers.RSA_USING_SHA256;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A bad token gets Hasura's error (code and message) and nothing else: no data, and no fallback to the
 * unauthorized role, which is only for requests without a token.
 */
@QuarkusTest
@TestProfile(JwtProfile.class)
class BadTokenTest {

    private final IdentityProvider idp = IdentityProvider.get();

    private static String invalidJwt(String reason) {
        return error("invalid-jwt", "Could not verify JWT: " + reason);
    }

    @Test
    void algNoneIsNeverAccepted() {
        assertEquals(invalidJwt("JWSError JWSNoSignatures"),
                withBearer(Token.claims().issuer("hs256-issuer").unsigned()));
        assertEquals(invalidJwt("JWSError JWSNoSignatures"), withBearer(Token.claims()
                .issuer(JwtProfile.COACH_ISSUER).audience(JwtProfile.COACH_PROJECT).kid("coach-key-1").unsigned()));
    }

    @Test
    void hmacTokenSignedWithTheRsaPublicKeyIsRejected() {
        // the classic key confusion: the attacker uses the public key text as an HMAC secret
        String token = Token.claims().issuer("rsa-issuer").signHmac(IdentityProvider.pem(idp.rsaKey), HMAC_SHA256);
        assertEquals(invalidJwt("JWSError JWSInvalidSignature"), withBearer(token));

        String jwksToken = Token.claims().issuer(JwtProfile.COACH_ISSUER).audience(JwtProfile.COACH_PROJECT)
                .kid("coach-key-1").signHmac(IdentityProvider.pem(idp.coachKey), HMAC_SHA256);
        assertEquals(invalidJwt("JWSError NoUsableKeys"), withBearer(jwksToken));
    }

    @Test
    void badSignature() throws Exception {
        assertEquals(invalidJwt("JWSError JWSInvalidSignature"), withBearer(Token.claims().issuer("hs256-issuer")
                .signHmac("another-secret-of-at-least-32-chars!", HMAC_SHA256)));

        PublicJsonWebKey impostor = RsaJwkGenerator.generateJwk(2048);
        assertEquals(invalidJwt("JWSError JWSInvalidSignature"), withBearer(Token.claims()
                .issuer(JwtProfile.COACH_ISSUER).audience(JwtProfile.COACH_PROJECT).kid("coach-key-1")
                .sign(impostor, RSA_USING_SHA256)));

        // a valid token whose claims were changed afterwards (user 2 becomes user 1)
        String valid = Token.claims().issuer("hs256-issuer").signHmac(idp.hs256Secret, HMAC_SHA256);
        String[] parts = valid.split("\\.");
        String claims = new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
                .replace("\"x-hasura-user-id\":\"2\"", "\"x-hasura-user-id\":\"1\"");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes()) + "." + parts[2];
        assertEquals(invalidJwt("JWSError JWSInvalidSignature"), withBearer(tampered));
    }

    @Test
    void expired() {
        assertEquals(invalidJwt("JWTExpired"), withBearer(Token.claims().issuer("hs256-issuer")
                .expiresIn(Duration.ofMinutes(-1)).signHmac(idp.hs256Secret, HMAC_SHA256)));
    }

    @Test
    void allowedSkewToleratesClocksThatDisagree() {
        assertEquals(AUTHOR_2, withBearer(Token.claims().issuer("skew-issuer")
                .expiresIn(Duration.ofSeconds(-60)).signHmac(idp.hs256Secret, HMAC_SHA256)));
        assertEquals(invalidJwt("JWTExpired"), withBearer(Token.claims().issuer("skew-issuer")
                .expiresIn(Duration.ofSeconds(-200)).signHmac(idp.hs256Secret, HMAC_SHA256)));
        assertEquals(AUTHOR_2, withBearer(Token.claims().issuer("skew-issuer")
                .notBefore(Instant.now().plusSeconds(60)).signHmac(idp.hs256Secret, HMAC_SHA256)));
    }

    @Test
    void notYetValid() {
        assertEquals(invalidJwt("JWTNotYetValid"), withBearer(Token.claims().issuer("hs256-issuer")
                .notBefore(Instant.now().plusSeconds(300)).signHmac(idp.hs256Secret, HMAC_SHA256)));
    }

    @Test
    void issuedInTheFuture() {
        assertEquals(invalidJwt("JWTIssuedAtFuture"), withBearer(Token.claims().issuer("hs256-issuer")
                .issuedAt(Instant.now().plusSeconds(300)).signHmac(idp.hs256Secret, HMAC_SHA256)));
    }

    @Test
    void wrongAudience() {
        assertEquals(invalidJwt("JWTNotInAudience"), withBearer(Token.claims().issuer("audience-issuer")
                .audience("another-api").signHmac(idp.hs256Secret, HMAC_SHA256)));
        assertEquals(invalidJwt("JWTNotInAudience"), withBearer(Token.claims().issuer("audience-issuer")
                .signHmac(idp.hs256Secret, HMAC_SHA256)));
        assertEquals(AUTHOR_2, withBearer(Token.claims().issuer("audience-issuer")
                .claim("aud", "[\"another-api\", \"library-api\"]").signHmac(idp.hs256Secret, HMAC_SHA256)));
        // a coach token presented with the client project as audience
        assertEquals(invalidJwt("JWTNotInAudience"), withBearer(Token.claims().issuer(JwtProfile.COACH_ISSUER)
                .audience(JwtProfile.CLIENT_PROJECT).sign(idp.coachKey, RSA_USING_SHA256)));
    }

    @Test
    void wrongIssuer() {
        assertEquals(invalidJwt("JWTNotInIssuer"), withBearer(Token.claims().issuer("https://evil.example")
                .signHmac(idp.hs256Secret, HMAC_SHA256)));
    }

    @Test
    void missingClaims() {
        assertEquals(error("jwt-invalid-claims", "claims key: 'https://hasura.io/jwt/claims' not found"),
                withBearer(Token.claims().issuer("hs256-issuer").without(JwtConfig.DEFAULT_NAMESPACE)
                        .signHmac(idp.hs256Secret, HMAC_SHA256)));
        assertEquals(error("jwt-missing-role-claims", "JWT claim does not contain x-hasura-default-role"),
                withBearer(Token.claims().issuer("hs256-issuer").claim(JwtConfig.DEFAULT_NAMESPACE,
                        "{\"x-hasura-allowed-roles\":[\"author\"],\"x-hasura-user-id\":\"2\"}")
                        .signHmac(idp.hs256Secret, HMAC_SHA256)));
        assertEquals(error("jwt-missing-role-claims", "JWT claim does not contain x-hasura-allowed-roles"),
                withBearer(Token.claims().issuer("hs256-issuer").claim(JwtConfig.DEFAULT_NAMESPACE,
                        "{\"x-hasura-default-role\":\"author\",\"x-hasura-user-id\":\"2\"}")
                        .signHmac(idp.hs256Secret, HMAC_SHA256)));
    }

    @Test
    void malformedClaims() {
        assertEquals(error("jwt-invalid-claims", "expecting a json object when claims_format is json"),
                withBearer(Token.claims().issuer("hs256-issuer")
                        .claim(JwtConfig.DEFAULT_NAMESPACE, "\"{\\\"x-hasura-default-role\\\":\\\"author\\\"}\"")
                        .signHmac(idp.hs256Secret, HMAC_SHA256)));
        assertEquals(error("jwt-invalid-claims",
                        "invalid x-hasura-allowed-roles; should be a list of roles: parsing [] failed, "
                                + "expected Array, but encountered String"),
                withBearer(Token.claims().issuer("hs256-issuer").claim(JwtConfig.DEFAULT_NAMESPACE,
                        "{\"x-hasura-allowed-roles\":\"author\",\"x-hasura-default-role\":\"author\"}")
                        .signHmac(idp.hs256Secret, HMAC_SHA256)));
        assertEquals(error("jwt-invalid-claims",
                        "invalid x-hasura-default-role; should be a single role name: expected String, but "
                                + "encountered Array"),
                withBearer(Token.claims().issuer("hs256-issuer").claim(JwtConfig.DEFAULT_NAMESPACE,
                        "{\"x-hasura-allowed-roles\":[\"author\"],\"x-hasura-default-role\":[\"author\"]}")
                        .signHmac(idp.hs256Secret, HMAC_SHA256)));
    }

    @Test
    void malformedStringifiedClaims() {
        assertEquals(error("jwt-invalid-claims", "expecting stringified json at: 'claims_namespace hasura', "
                        + "but found: {`x-hasura-default-role`: "),
                withBearer(Token.claims().issuer("stringified-issuer")
                        .claim("hasura", "\"{\\\"x-hasura-default-role\\\": \"")
                        .signHmac(idp.hs256Secret, HMAC_SHA256)));
        assertEquals(error("jwt-invalid-claims", "expecting a string when claims_format is stringified_json"),
                withBearer(Token.claims().issuer("stringified-issuer").hasuraClaimsAt("hasura")
                        .signHmac(idp.hs256Secret, HMAC_SHA256)));
    }

    @Test
    void roleNotAllowed() {
        String token = Token.claims().issuer("hs256-issuer").signHmac(idp.hs256Secret, HMAC_SHA256);
        assertEquals(error("access-denied", "Your requested role is not in allowed roles"),
                withBearer(token, "x-hasura-role", "editor"));
        assertEquals(error("access-denied", "Your requested role is not in allowed roles"),
                withBearer(Token.claims().issuer("hs256-issuer").hasura(List.of("reader"), "author", "2")
                        .signHmac(idp.hs256Secret, HMAC_SHA256)));
    }

    @Test
    void malformedTokenOrHeader() {
        assertEquals(invalidJwt("CompactDecodeError Invalid number of parts: Expected 3 parts; got 1"),
                withBearer("not-a-jwt"));
        assertEquals(invalidJwt("CompactDecodeError the JWS header is not base64url-encoded JSON"),
                withBearer("bm90LWpzb24.e30.c2ln"));
        assertEquals(error("invalid-headers", "Malformed Authorization header"),
                withHeaders("Authorization", "Token abc"));
    }

    @Test
    void registeredClaimsOfTheWrongTypeAreNamedWithoutJavaTypes() {
        assertEquals(invalidJwt("JWTClaimsSetDecodeError sub is not a StringOrURI"), withBearer(Token.claims()
                .issuer("hs256-issuer").claim("sub", "12345").signHmac(idp.hs256Secret, HMAC_SHA256)));
        assertEquals(invalidJwt("JWTClaimsSetDecodeError exp is not a NumericDate"), withBearer(Token.claims()
                .issuer("hs256-issuer").claim("exp", "\"tomorrow\"").signHmac(idp.hs256Secret, HMAC_SHA256)));
        assertEquals(invalidJwt("JWTClaimsSetDecodeError iat is not a NumericDate"), withBearer(Token.claims()
                .issuer("hs256-issuer").claim("iat", "\"yesterday\"").signHmac(idp.hs256Secret, HMAC_SHA256)));
    }
}
