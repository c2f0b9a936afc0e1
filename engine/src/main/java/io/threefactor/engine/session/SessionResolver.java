package io.threefactor.engine.session;

import io.threefactor.engine.config.EngineConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides who a request runs as, from its headers, as Hasura does: the admin secret makes it admin (who may
 * then act as any role with any session variables); no credentials fall back to the unauthorized role.
 */
@Singleton
public class SessionResolver {

    public static final String ADMIN_SECRET_HEADER = "x-hasura-admin-secret";
    private static final String ACCESS_KEY_HEADER = "x-hasura-access-key";
    public static final String ROLE_HEADER = "x-hasura-role";

    @Inject
    EngineConfig config;

    /** @param headers case-insensitive header lookup; {@code names} lists the header names present */
    public Session resolve(Function<String, String> headers, Iterable<String> names) {
        Optional<String> secret = config.adminSecret();
        String presented = Optional.ofNullable(headers.apply(ADMIN_SECRET_HEADER))
                .orElse(headers.apply(ACCESS_KEY_HEADER));
        if (secret.isEmpty()) {
            return adminActingAs(headers, names);
        }
        if (presented != null) {
            if (!constantTimeEquals(secret.get(), presented)) {
                throw new AuthenticationException("access-denied", "invalid x-hasura-admin-secret/x-hasura-access-key");
            }
            return adminActingAs(headers, names);
        }
        return config.unauthorizedRole()
                .map(role -> new Session(role, Map.of("x-hasura-role", role), false))
                .orElseThrow(() -> new AuthenticationException("access-denied",
                        "x-hasura-admin-secret/x-hasura-access-key required, but not found"));
    }

    /** Admin may pick a role and session variables through {@code x-hasura-*} headers. */
    private static Session adminActingAs(Function<String, String> headers, Iterable<String> names) {
        Map<String, String> variables = new HashMap<>();
        for (String name : names) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-hasura-") && !lower.equals(ADMIN_SECRET_HEADER) && !lower.equals(ACCESS_KEY_HEADER)) {
                variables.put(lower, headers.apply(name));
            }
        }
        String role = variables.getOrDefault(ROLE_HEADER, Session.ADMIN);
        variables.put(ROLE_HEADER, role);
        return new Session(role, variables, true);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
