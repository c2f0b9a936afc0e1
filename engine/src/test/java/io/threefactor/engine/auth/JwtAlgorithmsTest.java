package io.threefactor.engine.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.junit.jupiter.api.Test;

import static io.threefactor.engine.auth.Requests.AUTHOR_2;
import static io.threefactor.engine.auth.Requests.withBearer;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every algorithm family Hasura accepts verifies, and a verified token runs the query as its role with its
 * session variables: role {@code author} with user id 2 sees only author 2 (the select permission's row filter).
 */
@QuarkusTest
@TestProfile(JwtProfile.class)
class JwtAlgorithmsTest {

    private final IdentityProvider idp = IdentityProvider.get();

    @Test
    void hmacSecrets() {
        assertEquals(AUTHOR_2, withBearer(Token.claims().issuer("hs256-issuer")
                .signHmac(idp.hs256Secret, AlgorithmIdentifiers.HMAC_SHA256)));
        assertEquals(AUTHOR_2, withBearer(Token.claims().issuer("hs384-issuer")
                .signHmac(idp.hs384Secret, AlgorithmIdentifiers.HMAC_SHA384)));
        assertEquals(AUTHOR_2, withBearer(Token.claims().issuer("hs512-issuer")
                .signHmac(idp.hs512Secret, AlgorithmIdentifiers.HMAC_SHA512)));
    }

    @Test
    void rsaPublicKeyInPem() {
        for (String alg : new String[] {AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
                AlgorithmIdentifiers.RSA_USING_SHA512}) {
            assertEquals(AUTHOR_2, withBearer(Token.claims().issuer("rsa-issuer").sign(idp.rsaKey, alg)), alg);
        }
    }

    @Test
    void ecPublicKeysInPem() {
        assertEquals(AUTHOR_2, withBearer(Token.claims().issuer("es256-issuer")
                .sign(idp.es256Key, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)));
        assertEquals(AUTHOR_2, withBearer(Token.claims().issuer("es384-issuer")
                .sign(idp.es384Key, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384)));
        assertEquals(AUTHOR_2, withBearer(Token.claims().issuer("es512-issuer")
                .sign(idp.es512Key, AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512)));
    }

    @Test
    void ed25519PublicKeyInPem() {
        assertEquals(AUTHOR_2, withBearer(Token.claims().issuer("ed25519-issuer")
                .sign(idp.ed25519Key, AlgorithmIdentifiers.EDDSA)));
    }

    @Test
    void rsaKeyFromJwksUrl() {
        assertEquals(AUTHOR_2, withBearer(Token.claims().issuer(JwtProfile.COACH_ISSUER)
                .audience(JwtProfile.COACH_PROJECT).sign(idp.coachKey, AlgorithmIdentifiers.RSA_USING_SHA256)));
    }

    @Test
    void ecKeyFromJwksUrl() {
        assertEquals(AUTHOR_2, withBearer(Token.claims().issuer(JwtProfile.CLIENT_ISSUER)
                .audience(JwtProfile.CLIENT_PROJECT)
                .sign(idp.clientKey, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)));
    }

    @Test
    void ed25519KeyFromJwksUrl() {
        assertEquals(AUTHOR_2, withBearer(Token.claims().issuer(JwtProfile.CLIENT_ISSUER)
                .audience(JwtProfile.CLIENT_PROJECT).sign(idp.clientEdKey, AlgorithmIdentifiers.EDDSA)));
    }
}
