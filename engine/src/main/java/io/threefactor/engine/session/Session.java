package io.threefactor.engine.session;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a request runs as: the role and the session variables ({@code x-hasura-*}, keys lower case).
 *
 * @param adminSecretVerified whether the admin secret was presented (admin may act as any role)
 * @param expiresAt when the credentials stop being valid (a JWT's {@code exp}); empty when they do not expire.
 *                  Subscriptions close their socket at that instant.
 */
public record Session(String role, Map<String, String> variables, boolean adminSecretVerified,
                      Optional<Instant> expiresAt) {

    public static final String ADMIN = "admin";

    public Session {
        variables = Map.copyOf(variables);
        expiresAt = Objects.requireNonNullElse(expiresAt, Optional.empty());
    }

    /** A session whose credentials do not expire (admin secret, unauthorized role). */
    public Session(String role, Map<String, String> variables, boolean adminSecretVerified) {
        this(role, variables, adminSecretVerified, Optional.empty());
    }

    public static Session admin() {
        return new Session(ADMIN, Map.of("x-hasura-role", ADMIN), true);
    }

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }

    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }
}
