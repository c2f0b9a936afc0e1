package io.threefactor.engine.auth;

import io.threefactor.engine.session.AuthenticationException;
import io.threefactor.engine.session.Session;
import org.jboss.logging.Logger;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.net.URI;

/**
 * JWT mode: finds the token each configuration expects (Authorization bearer, a cookie or a custom header),
 * picks the configuration whose {@code issuer} matches the token's (as Hasura does with several secrets; the
 * {@code audience} breaks a tie), verifies the token and turns its Hasura claims into a {@link Session}.
 */
public final class JwtAuthenticator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JwtAuthenticator.class);
    private static final Duration STARTUP_FETCH_WAIT = Duration.ofSeconds(10);

    private final List<JwtVerifier> verifiers;
    private final List<JwksCache> caches;
    private final ScheduledExecutorService scheduler;

    private JwtAuthenticator(List<JwtVerifier> verifiers, List<JwksCache> caches, ScheduledExecutorService scheduler) {
        this.verifiers = verifiers;
        this.caches = caches;
        this.scheduler = scheduler;
    }

    /**
     * Builds the verifiers and makes the first JWKS fetches, waiting (at most 10 s) for them so that the first
     * requests find keys; a failed fetch is logged and retried in the background.
     */
    public static JwtAuthenticator start(List<JwtConfig> configs, Duration minRefetchInterval) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "threefactor-jwks-refresh");
            t.setDaemon(true);
            return t;
        });
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        Map<URI, JwksCache> byUrl = new HashMap<>();
        List<JwtVerifier> verifiers = new ArrayList<>();
        for (JwtConfig config : configs) {
            Optional<JwksCache> cache = config.jwkUrl().map(url -> byUrl.computeIfAbsent(url, u ->
                    new JwksCache(u, http, scheduler, Clock.systemUTC(), minRefetchInterval)));
            verifiers.add(new JwtVerifier(config, cache));
        }
        List<JwksCache> caches = List.copyOf(byUrl.values());
        List<CompletableFuture<?>> first = new ArrayList<>();
        caches.forEach(c -> first.add(c.start()));
        try {
            CompletableFuture.allOf(first.toArray(CompletableFuture[]::new))
                    .get(STARTUP_FETCH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warnf("JWKS not fetched within %s at start-up; requests fail until the keys arrive", STARTUP_FETCH_WAIT);
        }
        for (JwksCache c : caches) {
            LOG.infof("JWT keys from %s: %d", c.url(), c.keys().size());
        }
        return new JwtAuthenticator(List.copyOf(verifiers), caches, scheduler);
    }

    public List<JwtVerifier> verifiers() {
        return verifiers;
    }

    /**
     * The session for a request in JWT mode.
     *
     * @param headers case-insensitive header lookup
     * @param unauthorizedRole the role of requests that carry no token, if configured
     */
    public CompletionStage<Session> authenticate(Function<String, String> headers, Optional<String> unauthorizedRole) {
        Candidate chosen;
        try {
            chosen = choose(headers);
        } catch (AuthenticationException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (chosen == null) {
            return unauthorizedRole
                    .map(role -> CompletableFuture.completedFuture(
                            new Session(role, Map.of("x-hasura-role", role), false)))
                    .orElseGet(() -> CompletableFuture.failedFuture(JwtErrors.headers(
                            "Missing 'Authorization' or 'Cookie' header in JWT authentication mode")));
        }
        return chosen.verifier().verify(chosen.token())
                .thenApply(verified -> session(verified, chosen.verifier().config(), headers))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(
                        e instanceof CompletionException && e.getCause() != null ? e.getCause() : e));
    }

    private record Candidate(JwtVerifier verifier, RawToken token) { }

    /** Hasura's matching: tokens at each configuration's location, then issuers; none, one, or ambiguous. */
    private Candidate choose(Function<String, String> headers) {
        List<Candidate> matches = new ArrayList<>();
        boolean issuerMismatch = false;
        Map<String, RawToken> parsed = new HashMap<>();
        for (JwtVerifier v : verifiers) {
            Optional<String> compact = tokenAt(v.config().header(), headers);
            if (compact.isEmpty()) {
                continue;
            }
            RawToken token = parsed.computeIfAbsent(compact.get(), RawToken::parse);
            Optional<String> configured = v.config().issuer();
            Optional<String> actual = token.issuer();
            if (configured.isEmpty() || actual.isEmpty() || configured.equals(actual)) {
                matches.add(new Candidate(v, token));
            } else {
                issuerMismatch = true;
            }
        }
        if (matches.size() > 1) {
            List<Candidate> byAudience = matches.stream()
                    .filter(c -> !c.verifier().config().audience().isEmpty()
                            && c.token().audienceIn(c.verifier().config().audience()))
                    .toList();
            if (byAudience.size() == 1) {
                return byAudience.get(0);
            }
            throw JwtErrors.headers("Could not verify JWT: Multiple JWTs found");
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (issuerMismatch) {
            throw JwtErrors.invalid("JWTNotInIssuer");
        }
        return null;
    }

    private static Optional<String> tokenAt(JwtConfig.TokenLocation location, Function<String, String> headers) {
        if (location instanceof JwtConfig.Authorization) {
            String value = headers.apply("Authorization");
            if (value == null) {
                return Optional.empty();
            }
            String[] words = value.trim().split("\\s+");
            if (words.length != 2 || !words[0].equalsIgnoreCase("Bearer")) {
                throw JwtErrors.headers("Malformed Authorization header");
            }
            return Optional.of(words[1]);
        }
        if (location instanceof JwtConfig.Cookie cookie) {
            String value = headers.apply("Cookie");
            if (value == null) {
                return Optional.empty();
            }
            for (String pair : value.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(cookie.name())) {
                    String v = pair.substring(eq + 1).trim();
                    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                        v = v.substring(1, v.length() - 1);
                    }
                    return Optional.of(v);
                }
            }
            return Optional.empty();
        }
        return Optional.ofNullable(headers.apply(((JwtConfig.CustomHeader) location).name())).map(String::trim);
    }

    /** The role: {@code x-hasura-role} if it is an allowed role, the default role otherwise. */
    private static Session session(JwtVerifier.VerifiedToken verified, JwtConfig config,
                                   Function<String, String> headers) {
        HasuraClaims claims = HasuraClaims.from(verified.claims(), config.claims());
        String requested = headers.apply("x-hasura-role");
        String role = requested == null || requested.isBlank() ? claims.defaultRole() : requested.trim();
        if (!claims.allowedRoles().contains(role)) {
            throw JwtErrors.accessDenied("Your requested role is not in allowed roles");
        }
        Map<String, String> variables = new HashMap<>(claims.variables());
        variables.put("x-hasura-role", role);
        return new Session(role, variables, false, verified.expiresAt());
    }

    @Override
    public void close() {
        caches.forEach(JwksCache::close);
        scheduler.shutdownNow();
    }
}
