package io.threefactor.engine.session;

import java.util.Map;
import java.util.Optional;

/**
 * Who a request runs as: the role and the session variables ({@code x-hasura-*}, keys lower case).
 *
 * @param adminSecretVerified whether the admin secret was presented (admin may act as any role)
 */
public record Session(String role, Map<String, String> variables, boolean adminSecretVerified) {

    public static final String ADMIN = "admin";

    public Session {
        variables = Map.copyOf(variables);
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
