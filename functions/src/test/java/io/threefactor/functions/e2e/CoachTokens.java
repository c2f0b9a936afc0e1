package io.threefactor.functions.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 tokens as the coach app's identity provider issues them, with the Hasura claims under
 * {@code https://hasura.io/jwt/claims}; {@link #jwtSecretConfig()} is the engine's {@code HASURA_GRAPHQL_JWT_SECRET}.
 */
public final class CoachTokens {

    /** The seeded coaches (schema/seeds/default/1795420100000_coaches_and_clients.sql). */
    public static final String ADA = "c0ac0000-0000-4000-8000-000000000001";
    public static final String BEN = "c0ac0000-0000-4000-8000-000000000002";

    public static final String ISSUER = "https://identity.coach-app.example";
    public static final String AUDIENCE = "coach-app";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String key;

    public CoachTokens(String key) {
        if (key.length() < 32) {
            throw new IllegalArgumentException("HS256 keys are at least 32 characters");
        }
        this.key = key;
    }

    /** {@code HASURA_GRAPHQL_JWT_SECRET} for these tokens. */
    public String jwtSecretConfig() {
        ObjectNode c = JSON.createObjectNode()
                .put("type", "HS256")
                .put("key", key)
                .put("issuer", ISSUER)
                .put("audience", AUDIENCE);
        return c.toString();
    }

    /** A coach's token, valid for an hour: default role {@code coach}, user id = the coach's id. */
    public String coach(String coachId) {
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode()
                .put("sub", coachId)
                .put("iss", ISSUER)
                .put("aud", AUDIENCE)
                .put("iat", now)
                .put("exp", now + 3600);
        ObjectNode hasura = claims.putObject("https://hasura.io/jwt/claims");
        hasura.putPOJO("x-hasura-allowed-roles", List.of("coach"));
        hasura.put("x-hasura-default-role", "coach");
        hasura.put("x-hasura-user-id", coachId);
        return sign(claims);
    }

    /**
     * The functions' service token: role {@code functions} only (its permissions in schema/metadata are what the
     * functions need), no user id; what an environment's identity provider would issue to the service.
     */
    public String functions() {
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode()
                .put("sub", "threefactor-functions")
                .put("iss", ISSUER)
                .put("aud", AUDIENCE)
                .put("iat", now)
                .put("exp", now + 3600);
        ObjectNode hasura = claims.putObject("https://hasura.io/jwt/claims");
        hasura.putPOJO("x-hasura-allowed-roles", List.of("functions"));
        hasura.put("x-hasura-default-role", "functions");
        return sign(claims);
    }

    private String sign(ObjectNode claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] sig = mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + b64.encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
