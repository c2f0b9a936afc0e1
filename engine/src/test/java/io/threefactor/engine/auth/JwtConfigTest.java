package io.threefactor.engine.auth;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Hasura's JWT configuration JSON, read as Hasura reads it. */
class JwtConfigTest {

    @Test
    void firebaseSettings() {
        JwtConfig c = JwtConfig.parse("""
                {"jwk_url": "https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com",
                 "audience": "coach-app", "issuer": "https://securetoken.google.com/coach-app"}""");
        assertEquals(Optional.of(URI.create(
                "https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com")), c.jwkUrl());
        assertEquals(List.of("coach-app"), c.audience());
        assertEquals(Optional.of("https://securetoken.google.com/coach-app"), c.issuer());
        assertEquals(new JwtConfig.Namespace(Optional.of("https://hasura.io/jwt/claims"), Optional.empty(), false),
                c.claims());
        assertEquals(Duration.ZERO, c.allowedSkew());
        assertInstanceOf(JwtConfig.Authorization.class, c.header());
    }

    @Test
    void listOfConfigurationsAndTheirOptions() {
        List<JwtConfig> list = JwtConfig.parseList("""
                [{"type": "HS256", "key": "0123456789abcdef0123456789abcdef", "audience": ["a", "b"],
                  "claims_namespace_path": "$.hasura.claims", "claims_format": "stringified_json",
                  "allowed_skew": 1.5, "header": {"type": "Cookie", "name": "token"}},
                 {"jwk_url": "http://127.0.0.1/jwks", "header": {"type": "CustomHeader", "name": "X-Token"}}]""");
        assertEquals(2, list.size());
        JwtConfig hs = list.get(0);
        assertEquals(List.of("a", "b"), hs.audience());
        JwtConfig.Namespace ns = (JwtConfig.Namespace) hs.claims();
        assertEquals("$.hasura.claims", ns.path().orElseThrow().toString());
        assertEquals(true, ns.stringified());
        assertEquals(Duration.ofMillis(1500), hs.allowedSkew());
        assertEquals(new JwtConfig.Cookie("token"), hs.header());
        assertEquals(new JwtConfig.CustomHeader("X-Token"), list.get(1).header());
    }

    @Test
    void claimsMap() {
        JwtConfig c = JwtConfig.parse("""
                {"type": "HS256", "key": "0123456789abcdef0123456789abcdef",
                 "claims_map": {"x-hasura-allowed-roles": {"path": "$.roles"},
                                "x-hasura-default-role": {"path": "$.role", "default": "user"},
                                "X-Hasura-User-Id": {"path": "$.sub"}, "x-hasura-tenant": "t1"}}""");
        JwtConfig.ClaimsMap map = (JwtConfig.ClaimsMap) c.claims();
        assertEquals("$.roles", map.allowedRoles().path().orElseThrow().toString());
        assertEquals("user", map.defaultRole().value().orElseThrow().asText());
        assertEquals(java.util.Set.of("x-hasura-user-id", "x-hasura-tenant"), map.others().keySet());
    }

    @Test
    void configurationErrorsAsHasuraWordsThem() {
        assertEquals("key and jwk_url both cannot be empty", error("{\"issuer\": \"x\"}"));
        assertEquals("key, jwk_url both cannot be present",
                error("{\"type\": \"RS256\", \"key\": \"k\", \"jwk_url\": \"http://x\"}"));
        assertEquals("Invalid JWK: Key type: PS256 is not supported", error("{\"type\": \"PS256\", \"key\": \"k\"}"));
        assertEquals("Invalid JWK: Key size too small; should be atleast 32 characters",
                error("{\"type\": \"HS256\", \"key\": \"short\"}"));
        assertEquals("claims_namespace and claims_namespace_path both cannot be set", error(
                "{\"jwk_url\": \"http://x\", \"claims_namespace\": \"a\", \"claims_namespace_path\": \"$.a\"}"));
        assertEquals("x-hasura-default-role is expected but not found", error(
                "{\"jwk_url\": \"http://x\", \"claims_map\": {\"x-hasura-allowed-roles\": [\"user\"]}}"));
    }

    private static String error(String json) {
        return assertThrows(IllegalArgumentException.class, () -> JwtConfig.parse(json)).getMessage();
    }

    @Test
    void jsonPaths() {
        com.fasterxml.jackson.databind.JsonNode doc;
        try {
            doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    "{\"a\": {\"b c\": [10, {\"d\": \"x\"}]}, \"https://hasura.io/jwt/claims\": 1}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertEquals("x", JsonPath.parse("$.a['b c'][1].d").find(doc).orElseThrow().asText());
        assertEquals(10, JsonPath.parse("$.a[\"b c\"][0]").find(doc).orElseThrow().asInt());
        assertEquals(1, JsonPath.parse("$['https://hasura.io/jwt/claims']").find(doc).orElseThrow().asInt());
        assertEquals(Optional.empty(), JsonPath.parse("$.a.missing").find(doc));
        assertEquals(Optional.empty(), JsonPath.parse("$.a['b c'][5]").find(doc));
    }
}
