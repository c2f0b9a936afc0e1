package io.threefactor.engine.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of {@code HASURA_GRAPHQL_JWT_SECRET(S)}, in Hasura's JSON format:
 * <pre>{"type": "RS256", "key": "-----BEGIN PUBLIC KEY-----…"}                   a fixed key, or
 * {"jwk_url": "https://…/jwks.json"}                                          keys fetched and cached,
 * "claims_namespace": "https://hasura.io/jwt/claims" | "claims_namespace_path": "$.hasura.claims",
 * "claims_format": "json" | "stringified_json", "claims_map": {"x-hasura-allowed-roles": {"path": "$.roles"}, …},
 * "audience": "a" | ["a", "b"], "issuer": "…", "allowed_skew": 30,
 * "header": {"type": "Authorization"} | {"type": "Cookie", "name": "token"} | {"type": "CustomHeader", "name": "…"}</pre>
 */
public record JwtConfig(Optional<KeySpec> key, Optional<URI> jwkUrl, List<String> audience, Optional<String> issuer,
                        Claims claims, Duration allowedSkew, TokenLocation header) {

    public static final String DEFAULT_NAMESPACE = "https://hasura.io/jwt/claims";
    public static final String ALLOWED_ROLES = "x-hasura-allowed-roles";
    public static final String DEFAULT_ROLE = "x-hasura-default-role";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code type} and {@code key} as configured (the key is PEM text, or the secret for HS*). */
    public record KeySpec(String type, String key) {
        @Override
        public String toString() {
            return "KeySpec[" + type + ", <redacted>]";
        }
    }

    /** Where the Hasura claims come from. */
    public sealed interface Claims permits Namespace, ClaimsMap { }

    /** An object of {@code x-hasura-*} claims under a key or at a path, as JSON or as a JSON string. */
    public record Namespace(Optional<String> key, Optional<JsonPath> path, boolean stringified) implements Claims {
        /** How Hasura names the location in its messages. */
        String describe() {
            return path.map(p -> "claims_namespace_path " + p).orElseGet(() -> "claims_namespace " + key.orElseThrow());
        }
    }

    /** Each session variable taken from a path in the token (with an optional default) or given literally. */
    public record ClaimsMap(ClaimValue allowedRoles, ClaimValue defaultRole, Map<String, ClaimValue> others)
            implements Claims { }

    /** {@code {"path": "$.x", "default": …}} or a literal value. */
    public record ClaimValue(Optional<JsonPath> path, Optional<JsonNode> value) { }

    /** Where the token is read from. */
    public sealed interface TokenLocation permits Authorization, Cookie, CustomHeader { }

    /** {@code Authorization: Bearer <token>} (the default). */
    public record Authorization() implements TokenLocation { }

    /** The cookie of that name in the {@code Cookie} header. */
    public record Cookie(String name) implements TokenLocation { }

    /** The whole value of a header of that name. */
    public record CustomHeader(String name) implements TokenLocation { }

    /** {@code HASURA_GRAPHQL_JWT_SECRET}: one JSON object. */
    public static JwtConfig parse(String json) {
        return fromJson(readTree(json));
    }

    /** {@code HASURA_GRAPHQL_JWT_SECRETS}: a JSON list of objects (a single object is accepted too). */
    public static List<JwtConfig> parseList(String json) {
        JsonNode root = readTree(json);
        if (root.isObject()) {
            return List.of(fromJson(root));
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException("expected a JSON list of JWT configurations");
        }
        List<JwtConfig> out = new ArrayList<>();
        for (JsonNode item : root) {
            out.add(fromJson(item));
        }
        return List.copyOf(out);
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
        }
    }

    static JwtConfig fromJson(JsonNode o) {
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("a JWT configuration must be a JSON object");
        }
        Optional<String> rawKey = text(o, "key");
        Optional<String> url = text(o, "jwk_url");
        Optional<KeySpec> key = Optional.empty();
        Optional<URI> jwkUrl = Optional.empty();
        if (rawKey.isEmpty() && url.isEmpty()) {
            throw new IllegalArgumentException("key and jwk_url both cannot be empty");
        } else if (rawKey.isPresent() && url.isPresent()) {
            throw new IllegalArgumentException("key, jwk_url both cannot be present");
        } else if (rawKey.isPresent()) {
            String type = text(o, "type").orElseThrow(() -> new IllegalArgumentException("key needs a type"));
            key = Optional.of(new KeySpec(type, rawKey.get()));
            StaticKey.of(key.get()); // validates the key now: a bad key is a start-up error
        } else {
            jwkUrl = Optional.of(URI.create(url.get()));
        }

        List<String> audience = new ArrayList<>();
        JsonNode aud = o.get("audience");
        if (aud != null && aud.isTextual()) {
            audience.add(aud.textValue());
        } else if (aud != null && aud.isArray()) {
            aud.forEach(a -> audience.add(a.asText()));
        } else if (aud != null && !aud.isNull()) {
            throw new IllegalArgumentException("audience must be a string or a list of strings");
        }

        Optional<String> ns = text(o, "claims_namespace");
        Optional<String> nsPath = text(o, "claims_namespace_path");
        if (ns.isPresent() && nsPath.isPresent()) {
            throw new IllegalArgumentException("claims_namespace and claims_namespace_path both cannot be set");
        }
        String format = text(o, "claims_format").orElse("json");
        if (!format.equals("json") && !format.equals("stringified_json")) {
            throw new IllegalArgumentException("claims_format must be json or stringified_json");
        }
        Claims claims;
        JsonNode map = o.get("claims_map");
        if (map != null && !map.isNull()) {
            claims = claimsMap(map);
        } else {
            claims = new Namespace(nsPath.isPresent() ? Optional.empty() : Optional.of(ns.orElse(DEFAULT_NAMESPACE)),
                    nsPath.map(p -> {
                        try {
                            return JsonPath.parse(p);
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException("invalid JSON path claims_namespace_path error: "
                                    + e.getMessage());
                        }
                    }), format.equals("stringified_json"));
        }

        Duration skew = Duration.ZERO;
        JsonNode s = o.get("allowed_skew");
        if (s != null && !s.isNull()) {
            if (!s.isNumber() || s.asDouble() < 0) {
                throw new IllegalArgumentException("allowed_skew must be a number of seconds");
            }
            skew = Duration.ofMillis(Math.round(s.asDouble() * 1000));
        }

        TokenLocation header = new Authorization();
        JsonNode h = o.get("header");
        if (h != null && !h.isNull()) {
            String type = text(h, "type").orElse("").toLowerCase(Locale.ROOT);
            header = switch (type) {
                case "authorization" -> new Authorization();
                case "cookie" -> new Cookie(text(h, "name")
                        .orElseThrow(() -> new IllegalArgumentException("header of type Cookie needs a name")));
                case "customheader" -> new CustomHeader(text(h, "name")
                        .orElseThrow(() -> new IllegalArgumentException("header of type CustomHeader needs a name")));
                default -> throw new IllegalArgumentException(
                        "expected 'type' is 'Authorization' or 'Cookie' or 'CustomHeader'");
            };
        }
        return new JwtConfig(key, jwkUrl, List.copyOf(audience), text(o, "issuer"), claims, skew, header);
    }

    private static ClaimsMap claimsMap(JsonNode map) {
        if (!map.isObject()) {
            throw new IllegalArgumentException("claims_map must be an object");
        }
        Map<String, ClaimValue> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            ClaimValue value;
            if (v.isObject()) {
                String path = text(v, "path").orElseThrow(() -> new IllegalArgumentException(
                        "claims_map entry " + e.getKey() + " needs a path"));
                value = new ClaimValue(Optional.of(JsonPath.parse(path)), Optional.ofNullable(v.get("default")));
            } else {
                value = new ClaimValue(Optional.empty(), Optional.of(v));
            }
            values.put(e.getKey().toLowerCase(Locale.ROOT), value);
        }
        ClaimValue allowed = values.remove(ALLOWED_ROLES);
        ClaimValue dflt = values.remove(DEFAULT_ROLE);
        if (allowed == null) {
            throw new IllegalArgumentException(ALLOWED_ROLES + " is expected but not found");
        }
        if (dflt == null) {
            throw new IllegalArgumentException(DEFAULT_ROLE + " is expected but not found");
        }
        return new ClaimsMap(allowed, dflt, Map.copyOf(values));
    }

    private static Optional<String> text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }
}
