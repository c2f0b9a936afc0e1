package io.threefactor.engine.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Base64;
import java.util.Optional;
import java.util.List;

/**
 * A compact JWS split and decoded but not verified: the header (for {@code alg} and {@code kid}) and the claims
 * (for choosing among several configured issuers before any key is tried).
 */
record RawToken(String compact, JsonNode header, JsonNode claims) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static RawToken parse(String compact) {
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            throw JwtErrors.invalid("CompactDecodeError Invalid number of parts: Expected 3 parts; got "
                    + parts.length);
        }
        return new RawToken(compact, decode(parts[0], "JWS header"), decode(parts[1], "claims set"));
    }

    private static JsonNode decode(String part, String what) {
        JsonNode node;
        try {
            node = JSON.readTree(Base64.getUrlDecoder().decode(part));
        } catch (Exception e) {
            throw JwtErrors.invalid("CompactDecodeError the " + what + " is not base64url-encoded JSON");
        }
        if (node == null || !node.isObject()) {
            throw JwtErrors.invalid("CompactDecodeError the " + what + " is not a JSON object");
        }
        return node;
    }

    Optional<String> alg() {
        return text(header, "alg");
    }

    Optional<String> kid() {
        return text(header, "kid");
    }

    /** The unverified {@code iss}, used only to pick the configuration that verifies the token. */
    Optional<String> issuer() {
        return text(claims, "iss");
    }

    /** Whether the unverified {@code aud} (a string or a list) names one of these audiences. */
    boolean audienceIn(List<String> audiences) {
        JsonNode aud = claims.get("aud");
        if (aud == null) {
            return false;
        }
        if (aud.isArray()) {
            for (JsonNode a : aud) {
                if (audiences.contains(a.asText())) {
                    return true;
                }
            }
            return false;
        }
        return audiences.contains(aud.asText());
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? Optional.of(v.textValue()) : Optional.empty();
    }

    /** Never log a token. */
    @Override
    public String toString() {
        return "RawToken[alg=" + alg().orElse("?") + ", kid=" + kid().orElse("-") + "]";
    }
}
