package io.threefactor.engine.auth;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.threefactor.engine.config.EngineConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import io.threefactor.engine.session.AuthenticationException;
import io.threefactor.engine.session.Session;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Decides who a request runs as, from its headers, as Hasura does: the admin secret makes it admin (who may
 * then act as any role with any session variables); with a JWT configuration ({@code HASURA_GRAPHQL_JWT_SECRET(S)})
 * a verified token gives the role and session variables; no credentials fall back to the unauthorized role.
 * The single entry point for HTTP and, later, WebSocket {@code connection_init} headers.
 */
@Singleton
public class SessionResolver {

    public static final String ADMIN_SECRET_HEADER = "x-hasura-admin-secret";
    private static final String ACCESS_KEY_HEADER = "x-hasura-access-key";
    public static final String ROLE_HEADER = "x-hasura-role";

    @Inject
    EngineConfig config;

    private volatile JwtAuthenticator jwt;
    private volatile boolean started;

    /** Reads the JWT configuration (a bad one stops start-up, as in Hasura) and fetches JWKS keys. */
    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (jwt != null) {
            jwt.close();
        }
    }

    private void start() {
        if (!started) {
            startOnce();
        }
    }

    private synchronized void startOnce() {
        if (started) {
            return;
        }
        List<JwtConfig> configs = new ArrayList<>();
        config.jwtSecret().filter(s -> !s.isBlank()).ifPresent(s -> configs.add(parse("HASURA_GRAPHQL_JWT_SECRET",
                () -> JwtConfig.parse(s))));
        config.jwtSecrets().filter(s -> !s.isBlank()).ifPresent(s -> configs.addAll(parse("HASURA_GRAPHQL_JWT_SECRETS",
                () -> JwtConfig.parseList(s))));
        if (!configs.isEmpty()) {
            if (config.adminSecret().isEmpty()) {
                throw new IllegalStateException("Fatal Error: HASURA_GRAPHQL_ADMIN_SECRET (threefactor.admin-secret)"
                        + " is not set. It is required with HASURA_GRAPHQL_JWT_SECRET(S)");
            }
            jwt = JwtAuthenticator.start(configs, config.jwksRefetchMinInterval());
        }
        started = true;
    }

    private static <T> T parse(String name, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Fatal Error: " + name + ": " + e.getMessage(), e);
        }
    }

    /** The JWT mode's authenticator, if a JWT configuration is set. */
    public Optional<JwtAuthenticator> jwt() {
        start();
        return Optional.ofNullable(jwt);
    }

    /**
     * The session, or a failure with an {@link AuthenticationException}. Completes at once unless a JWKS must be
     * fetched again for an unknown {@code kid}; then it completes on the caller's Vert.x context, if any.
     *
     * @param headers case-insensitive header lookup; {@code names} lists the header names present
     */
    public Future<Session> resolveAsync(Function<String, String> headers, Iterable<String> names) {
        CompletionStage<Session> stage = resolveStage(headers, names);
        CompletableFuture<Session> cf = stage.toCompletableFuture();
        if (cf.isDone()) {
            try {
                return Future.succeededFuture(cf.join());
            } catch (CompletionException e) {
                return Future.failedFuture(unwrap(e));
            }
        }
        Context context = Vertx.currentContext();
        Future<Session> future = context == null ? Future.fromCompletionStage(stage)
                : Future.fromCompletionStage(stage, context);
        return future.recover(e -> Future.failedFuture(unwrap(e)));
    }

    private static Throwable unwrap(Throwable e) {
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /**
     * The session, at once. If a token's {@code kid} is unknown the keys are refetched in the background and
     * this request fails ({@code JWSError NoUsableKeys}); {@link #resolveAsync} waits for that fetch instead.
     */
    public Session resolve(Function<String, String> headers, Iterable<String> names) {
        CompletableFuture<Session> cf = resolveStage(headers, names).toCompletableFuture();
        if (!cf.isDone()) {
            throw new AuthenticationException("invalid-jwt", "Could not verify JWT: JWSError NoUsableKeys");
        }
        try {
            return cf.join();
        } catch (CompletionException e) {
            if (unwrap(e) instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private CompletionStage<Session> resolveStage(Function<String, String> headers, Iterable<String> names) {
        try {
            start();
            Optional<String> secret = config.adminSecret();
            String presented = Optional.ofNullable(headers.apply(ADMIN_SECRET_HEADER))
                    .orElse(headers.apply(ACCESS_KEY_HEADER));
            if (secret.isEmpty()) {
                return CompletableFuture.completedFuture(adminActingAs(headers, names));
            }
            if (presented != null) {
                if (!constantTimeEquals(secret.get(), presented)) {
                    throw AuthenticationException.unauthorized("invalid x-hasura-admin-secret/x-hasura-access-key");
                }
                return CompletableFuture.completedFuture(adminActingAs(headers, names));
            }
            if (jwt != null) {
                return jwt.authenticate(headers, config.unauthorizedRole());
            }
            return CompletableFuture.completedFuture(config.unauthorizedRole()
                    .map(role -> new Session(role, Map.of("x-hasura-role", role), false))
                    .orElseThrow(() -> AuthenticationException.unauthorized(
                            "x-hasura-admin-secret/x-hasura-access-key required, but not found")));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
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
