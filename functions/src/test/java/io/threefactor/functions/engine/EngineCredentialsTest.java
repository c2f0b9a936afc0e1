package io.threefactor.functions.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the functions send the engine: a service token alone, else the admin secret acting as the functions' role. */
class EngineCredentialsTest {

    @Test
    void aServiceTokenReplacesTheAdminSecret() {
        assertEquals(Map.of("Authorization", "Bearer t0ken"),
                EngineCredentials.of(Optional.of("t0ken"), Optional.of("admin"), Optional.of("functions")).headers());
    }

    @Test
    void theAdminSecretActsAsTheServiceRole() {
        assertEquals(Map.of("x-hasura-admin-secret", "admin", "x-hasura-role", "functions"),
                EngineCredentials.of(Optional.of(" "), Optional.of("admin"), Optional.of("functions")).headers());
        assertEquals(Map.of("x-hasura-admin-secret", "admin"),
                EngineCredentials.of(Optional.empty(), Optional.of("admin"), Optional.empty()).headers());
        assertEquals(Map.of(), EngineCredentials.of(Optional.empty(), Optional.empty(), Optional.of("functions")).headers());
    }
}
