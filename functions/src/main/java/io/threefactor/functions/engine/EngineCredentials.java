package io.threefactor.functions.engine;

import java.util.Map;
import java.util.Optional;

/**
 * How the functions identify themselves to the engine: a service token (a JWT whose role, {@code functions}, has
 * only the permissions schema/metadata gives it) where the environment issues one, else the admin secret.
 */
public record EngineCredentials(Map<String, String> headers) {

    public static final EngineCredentials NONE = new EngineCredentials(Map.of());

    public EngineCredentials {
        headers = Map.copyOf(headers);
    }

    /**
     * The token if there is one (the admin secret is then not sent at all); else the admin secret, with
     * {@code x-hasura-role} so that the calls still run under the service role's permissions; else nothing.
     */
    public static EngineCredentials of(Optional<String> token, Optional<String> adminSecret, Optional<String> role) {
        Optional<String> bearer = token.filter(t -> !t.isBlank());
        if (bearer.isPresent()) {
            return new EngineCredentials(Map.of("Authorization", "Bearer " + bearer.get()));
        }
        Optional<String> secret = adminSecret.filter(s -> !s.isBlank());
        if (secret.isEmpty()) {
            return NONE;
        }
        Optional<String> asRole = role.filter(r -> !r.isBlank());
        return new EngineCredentials(asRole.isPresent()
                ? Map.of("x-hasura-admin-secret", secret.get(), "x-hasura-role", asRole.get())
                : Map.of("x-hasura-admin-secret", secret.get()));
    }
}
