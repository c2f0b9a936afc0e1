package io.threefactor.engine.auth;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code HASURA_GRAPHQL_JWT_SECRET(S)} reach the engine unchanged through the aliases in application.properties:
 * JSON with commas, braces, {@code $} paths and the {@code \n} escapes of a PEM key in a JSON string.
 */
class JwtSecretEnvironmentTest {

    @Test
    void hasuraVariablesPassThroughTheAliasesVerbatim() throws Exception {
        Properties props = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            props.load(in);
        }
        Map<String, String> app = new HashMap<>();
        props.forEach((k, v) -> app.put((String) k, (String) v));
        String secret = "{\"type\":\"RS256\",\"key\":\"-----BEGIN PUBLIC KEY-----\\nMIIBIjAN\\n-----END PUBLIC KEY-----\\n\","
                + "\"claims_namespace_path\":\"$.hasura['claims']\",\"audience\":[\"a\",\"b\"]}";
        String secrets = "[" + secret + ",{\"jwk_url\":\"https://example.com/jwks\"}]";
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(app, "application.properties", 250))
                .withSources(new PropertiesConfigSource(Map.of("HASURA_GRAPHQL_JWT_SECRET", secret,
                        "HASURA_GRAPHQL_JWT_SECRETS", secrets), "environment", 300))
                .build();
        assertEquals(secret, config.getValue("threefactor.jwt-secret", String.class));
        assertEquals(secrets, config.getValue("threefactor.jwt-secrets", String.class));
    }
}
