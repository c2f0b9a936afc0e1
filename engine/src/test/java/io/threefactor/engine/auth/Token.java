package io.threefactor.engine.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Builds signed tokens for tests: by default valid for an hour, with Hasura claims for a user who may be
 * {@code author} or {@code reader}, {@code author} by default, with user id 2.
 */
public final class Token {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode claims = JSON.createObjectNode();
    private String kid;

    private Token() {
        long now = Instant.now().getEpochSecond();
        claims.put("sub", "user-2");
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        hasura(List.of("author", "reader"), "author", "2");
    }

    public static Token claims() {
        return new Token();
    }

    public Token issuer(String issuer) {
        claims.put("iss", issuer);
        return this;
    }

    public Token audience(String audience) {
        claims.put("aud", audience);
        return this;
    }

    /** The Hasura claims under the default namespace. */
    public Token hasura(List<String> allowedRoles, String defaultRole, String userId) {
        ObjectNode ns = JSON.createObjectNode();
        ns.set("x-hasura-allowed-roles", JSON.valueToTree(allowedRoles));
        ns.put("x-hasura-default-role", defaultRole);
        ns.put("x-hasura-user-id", userId);
        claims.set(JwtConfig.DEFAULT_NAMESPACE, ns);
        return this;
    }

    /** Any claim, given as JSON ({@code "\"text\""}, {@code "{…}"}, {@code "[…]"}, {@code "5"}). */
    public Token claim(String name, String json) {
        try {
            claims.set(name, JSON.readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
        return this;
    }

    public Token without(String name) {
        claims.remove(name);
        return this;
    }

    /** Moves the Hasura claims object elsewhere (the default namespace is removed). */
    public Token hasuraClaimsAt(String name) {
        JsonNode ns = claims.remove(JwtConfig.DEFAULT_NAMESPACE);
        claims.set(name, ns);
        return this;
    }

    /** Sets {@code exp}; a token that expired was also issued earlier ({@code iat} an hour before). */
    public Token expiresIn(Duration d) {
        long exp = Instant.now().plus(d).getEpochSecond();
        claims.put("exp", exp);
        if (exp < claims.get("iat").asLong()) {
            claims.put("iat", exp - 3600);
        }
        return this;
    }

    public Token notBefore(Instant at) {
        claims.put("nbf", at.getEpochSecond());
        return this;
    }

    public Token issuedAt(Instant at) {
        claims.put("iat", at.getEpochSecond());
        return this;
    }

    public Token kid(String kid) {
        this.kid = kid;
        return this;
    }

    public String hasuraClaimsJson() {
        return claims.get(JwtConfig.DEFAULT_NAMESPACE).toString();
    }

    /** Signed with the private half of the key, its kid in the header unless set. */
    public String sign(PublicJsonWebKey key, String alg) {
        return sign(key.getPrivateKey(), alg, kid != null ? kid : key.getKeyId());
    }

    public String signHmac(String secret, String alg) {
        return sign(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)), alg, kid);
    }

    /** {@code alg: none}, no signature. */
    public String unsigned() {
        JsonWebSignature jws = jws(AlgorithmIdentifiers.NONE, kid);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        try {
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String sign(Key key, String alg, String keyId) {
        JsonWebSignature jws = jws(alg, keyId);
        jws.setKey(key);
        jws.setDoKeyValidation(false);
        try {
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonWebSignature jws(String alg, String keyId) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toString());
        jws.setAlgorithmHeaderValue(alg);
        jws.setHeader("typ", "JWT");
        if (keyId != null) {
            jws.setKeyIdHeaderValue(keyId);
        }
        return jws;
    }
}
