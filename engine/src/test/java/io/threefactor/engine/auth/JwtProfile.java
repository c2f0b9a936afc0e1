package io.threefactor.engine.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.threefactor.engine.support.LibraryDatabase;

import java.util.List;
import java.util.Map;

/**
 * The library fixture in JWT mode: admin secret {@value #ADMIN_SECRET}, unauthorized role {@code reader}, and
 * {@code HASURA_GRAPHQL_JWT_SECRETS} with one configuration per issuer: the coach and client apps (Firebase-style,
 * keys from the test's JWKS server), one per algorithm with a fixed key, and a few showing claim options.
 */
public class JwtProfile implements QuarkusTestProfile {

    public static final String ADMIN_SECRET = "library-admin-secret";

    /** Firebase-style issuers: one identity project per app. */
    public static final String COACH_PROJECT = "coach-app";
    public static final String COACH_ISSUER = "https://securetoken.google.com/" + COACH_PROJECT;
    public static final String CLIENT_PROJECT = "client-app";
    public static final String CLIENT_ISSUER = "https://securetoken.google.com/" + CLIENT_PROJECT;

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(LibraryDatabase.class), new TestResourceEntry(Secrets.class));
    }

    /** Starts the identity provider and hands the engine its JWT configuration. */
    public static class Secrets implements QuarkusTestResourceLifecycleManager {

        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public Map<String, String> start() {
            IdentityProvider idp = IdentityProvider.get();
            ArrayNode secrets = JSON.createArrayNode();
            secrets.add(jwks(idp.url("/coach/jwks"), COACH_ISSUER, COACH_PROJECT));
            secrets.add(jwks(idp.url("/client/jwks"), CLIENT_ISSUER, CLIENT_PROJECT));
            secrets.add(key("HS256", idp.hs256Secret, "hs256-issuer"));
            secrets.add(key("HS384", idp.hs384Secret, "hs384-issuer"));
            secrets.add(key("HS512", idp.hs512Secret, "hs512-issuer"));
            secrets.add(key("RS256", IdentityProvider.pem(idp.rsaKey), "rsa-issuer"));
            secrets.add(key("ES256", IdentityProvider.pem(idp.es256Key), "es256-issuer"));
            secrets.add(key("ES384", IdentityProvider.pem(idp.es384Key), "es384-issuer"));
            secrets.add(key("ES512", IdentityProvider.pem(idp.es512Key), "es512-issuer"));
            secrets.add(key("Ed25519", IdentityProvider.pem(idp.ed25519Key), "ed25519-issuer"));
            secrets.add(key("HS256", idp.hs256Secret, "audience-issuer").put("audience", "library-api"));
            secrets.add(key("HS256", idp.hs256Secret, "path-issuer")
                    .put("claims_namespace_path", "$.app['hasura claims']"));
            secrets.add(key("HS256", idp.hs256Secret, "stringified-issuer")
                    .put("claims_namespace", "hasura").put("claims_format", "stringified_json"));
            ObjectNode map = key("HS256", idp.hs256Secret, "map-issuer");
            ObjectNode claimsMap = map.putObject("claims_map");
            claimsMap.putObject("x-hasura-allowed-roles").put("path", "$.user.roles");
            claimsMap.putObject("x-hasura-default-role").put("path", "$.user.primary_role").put("default", "reader");
            claimsMap.putObject("x-hasura-user-id").put("path", "$.user.id");
            claimsMap.put("x-hasura-library", "central");
            secrets.add(map);
            secrets.add(key("HS256", idp.hs256Secret, "cookie-issuer")
                    .set("header", JSON.createObjectNode().put("type", "Cookie").put("name", "token")));
            secrets.add(key("HS256", idp.hs256Secret, "skew-issuer").put("allowed_skew", 120));
            return Map.of(
                    "threefactor.admin-secret", ADMIN_SECRET,
                    "threefactor.unauthorized-role", "reader",
                    "threefactor.jwt-secrets", secrets.toString(),
                    "threefactor.jwks-refetch-min-interval", "0s");
        }

        static ObjectNode jwks(String url, String issuer, String audience) {
            return JSON.createObjectNode().put("jwk_url", url).put("issuer", issuer).put("audience", audience);
        }

        static ObjectNode key(String type, String key, String issuer) {
            return JSON.createObjectNode().put("type", type).put("key", key).put("issuer", issuer);
        }

        @Override
        public void stop() {
        }
    }
}
