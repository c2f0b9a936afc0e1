package io.threefactor.engine.auth;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The keys behind a {@code jwk_url}, fetched with the JDK HTTP client (never on the event loop) and cached as
 * the response's {@code Cache-Control} ({@code max-age}/{@code s-maxage}; {@code no-cache}, {@code no-store} or a
 * bare {@code must-revalidate}: expired at once) or {@code Expires} says. A background task refetches shortly
 * before expiry (every {@link #DEFAULT_REFRESH} when the response says nothing); a token whose {@code kid} is
 * unknown triggers one extra fetch, at most once per {@code minRefetchInterval}. Failed fetches keep the old keys.
 */
public final class JwksCache implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JwksCache.class);

    static final Duration DEFAULT_REFRESH = Duration.ofMinutes(1);
    static final Duration MIN_REFRESH = Duration.ofSeconds(1);
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** The keys of one successful fetch and when they expire (empty: the response did not say). */
    record Snapshot(List<JsonWebKey> keys, Optional<Instant> expiresAt, Instant fetchedAt) { }

    private final URI url;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Duration minRefetchInterval;

    private volatile Snapshot snapshot = new Snapshot(List.of(), Optional.empty(), Instant.EPOCH);
    private CompletableFuture<Snapshot> inFlight;
    private Instant lastUnknownKidFetch = Instant.EPOCH;
    private ScheduledFuture<?> nextRefresh;
    private volatile boolean closed;
    private volatile long fetches;

    public JwksCache(URI url, HttpClient http, ScheduledExecutorService scheduler, Clock clock,
                     Duration minRefetchInterval) {
        this.url = url;
        this.http = http;
        this.scheduler = scheduler;
        this.clock = clock;
        this.minRefetchInterval = minRefetchInterval;
    }

    public URI url() {
        return url;
    }

    /** The keys of the last successful fetch (none before the first). */
    public List<JsonWebKey> keys() {
        return snapshot.keys();
    }

    Snapshot snapshot() {
        return snapshot;
    }

    /** How many fetches were started (for tests and logs). */
    public long fetches() {
        return fetches;
    }

    public boolean knowsKid(String kid) {
        for (JsonWebKey k : snapshot.keys()) {
            if (Objects.equals(kid, k.getKeyId())) {
                return true;
            }
        }
        return false;
    }

    /** The first fetch; the background refresh is scheduled from its answer (or its failure). */
    public CompletableFuture<Snapshot> start() {
        return fetch();
    }

    /**
     * A fetch because a token named a {@code kid} the cache does not know. Joins a fetch in flight; answers the
     * current keys without fetching if the last such fetch was less than {@code minRefetchInterval} ago.
     */
    public synchronized CompletableFuture<Snapshot> refetchForUnknownKid() {
        if (inFlight != null) {
            return inFlight;
        }
        Instant now = clock.instant();
        if (now.isBefore(lastUnknownKidFetch.plus(minRefetchInterval))) {
            return CompletableFuture.completedFuture(snapshot);
        }
        lastUnknownKidFetch = now;
        return fetch();
    }

    private synchronized CompletableFuture<Snapshot> fetch() {
        if (inFlight != null) {
            return inFlight;
        }
        if (closed) {
            return CompletableFuture.completedFuture(snapshot);
        }
        fetches++;
        HttpRequest request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json").GET().build();
        CompletableFuture<Snapshot> result = http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(this::accept)
                .handle((fresh, failure) -> {
                    Duration next;
                    if (failure != null) {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        LOG.warnf("could not fetch JWKS from %s (keeping %d cached keys): %s", url,
                                snapshot.keys().size(), cause.toString());
                        next = RETRY_AFTER_FAILURE;
                    } else {
                        next = refreshDelay(fresh);
                    }
                    synchronized (this) {
                        inFlight = null;
                        schedule(next);
                    }
                    return snapshot;
                });
        // the handle() stage may already have run (a synchronous failure): only then is inFlight left null
        if (!result.isDone()) {
            inFlight = result;
        }
        return result;
    }

    private Snapshot accept(HttpResponse<String> response) {
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw new IllegalStateException("Non-2xx response on fetching JWK from: " + url + " (status "
                    + response.statusCode() + ")");
        }
        JsonWebKeySet set;
        try {
            set = new JsonWebKeySet(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("Error parsing JWK from url: " + url + ": " + e.getMessage(), e);
        }
        Instant now = clock.instant();
        Snapshot fresh = new Snapshot(List.copyOf(set.getJsonWebKeys()), expiry(response.headers(), now), now);
        snapshot = fresh;
        LOG.debugf("fetched %d keys from %s, expiring %s", fresh.keys().size(), url, fresh.expiresAt());
        return fresh;
    }

    /** Refresh a little before expiry: at 90% of the lifetime, never sooner than a second from now. */
    Duration refreshDelay(Snapshot s) {
        if (s.expiresAt().isEmpty()) {
            return DEFAULT_REFRESH;
        }
        Duration lifetime = Duration.between(s.fetchedAt(), s.expiresAt().get());
        Duration delay = lifetime.minus(lifetime.dividedBy(10));
        return delay.compareTo(MIN_REFRESH) < 0 ? MIN_REFRESH : delay;
    }

    private void schedule(Duration delay) {
        if (closed) {
            return;
        }
        if (nextRefresh != null) {
            nextRefresh.cancel(false);
        }
        nextRefresh = scheduler.schedule(this::fetch, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** When the response says the keys expire: Cache-Control first, then Expires, as Hasura reads them. */
    static Optional<Instant> expiry(HttpHeaders headers, Instant now) {
        Optional<String> cacheControl = headers.firstValue("Cache-Control");
        if (cacheControl.isPresent()) {
            Long maxAge = null;
            boolean noCache = false;
            boolean mustRevalidate = false;
            for (String part : cacheControl.get().split(",")) {
                String d = part.trim().toLowerCase(Locale.ROOT);
                int eq = d.indexOf('=');
                String name = eq < 0 ? d : d.substring(0, eq).trim();
                String value = eq < 0 ? "" : d.substring(eq + 1).trim().replace("\"", "");
                switch (name) {
                    case "max-age", "s-maxage" -> {
                        try {
                            long seconds = Long.parseLong(value);
                            maxAge = maxAge == null || name.equals("s-maxage") ? seconds : maxAge;
                        } catch (NumberFormatException e) {
                            LOG.infof("Failed parsing Cache-Control header from JWK response: %s", cacheControl.get());
                        }
                    }
                    case "no-cache", "no-store" -> noCache = true;
                    case "must-revalidate" -> mustRevalidate = true;
                    default -> { }
                }
            }
            if (mustRevalidate) {
                return Optional.of(maxAge == null ? now : now.plusSeconds(maxAge));
            }
            if (noCache) {
                return Optional.of(now);
            }
            if (maxAge != null) {
                return Optional.of(now.plusSeconds(maxAge));
            }
        }
        Optional<String> expires = headers.firstValue("Expires");
        if (expires.isPresent()) {
            try {
                return Optional.of(ZonedDateTime.parse(expires.get().trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant());
            } catch (RuntimeException e) {
                LOG.infof("Failed parsing Expires header from JWK response: %s", expires.get());
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (nextRefresh != null) {
            nextRefresh.cancel(false);
        }
    }
}
