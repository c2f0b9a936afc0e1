package io.threefactor.engine.auth;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JWKS cache on its own, against the test identity provider's HTTP server. */
class JwksCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private final IdentityProvider idp = IdentityProvider.get();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static Optional<Instant> expiry(String... headers) {
        Map<String, List<String>> map = new java.util.HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], List.of(headers[i + 1]));
        }
        return JwksCache.expiry(HttpHeaders.of(map, (a, b) -> true), NOW);
    }

    @Test
    void expiryFollowsCacheControlThenExpires() {
        assertEquals(Optional.of(NOW.plusSeconds(19002)),
                expiry("Cache-Control", "public, max-age=19002, must-revalidate, no-transform"), "Google's JWKS");
        assertEquals(Optional.of(NOW.plusSeconds(60)), expiry("Cache-Control", "max-age=300, s-maxage=60"));
        assertEquals(Optional.of(NOW), expiry("Cache-Control", "no-cache"));
        assertEquals(Optional.of(NOW), expiry("Cache-Control", "no-store, max-age=300"));
        assertEquals(Optional.of(NOW), expiry("Cache-Control", "must-revalidate"));
        assertEquals(Optional.of(Instant.parse("2026-11-23T13:00:00Z")),
                expiry("Expires", "Mon, 23 Nov 2026 13:00:00 GMT"));
        assertEquals(Optional.of(NOW.plusSeconds(10)),
                expiry("Cache-Control", "max-age=10", "Expires", "Mon, 23 Nov 2026 13:00:00 GMT"));
        assertEquals(Optional.empty(), expiry("Cache-Control", "public"));
        assertEquals(Optional.empty(), expiry("Expires", "not a date"));
        assertEquals(Optional.empty(), expiry());
    }

    @Test
    void refreshIsScheduledBeforeExpiry() {
        JwksCache cache = new JwksCache(URI.create("http://unused"), http, scheduler, Clock.systemUTC(), Duration.ZERO);
        assertEquals(Duration.ofSeconds(900), cache.refreshDelay(
                new JwksCache.Snapshot(List.of(), Optional.of(NOW.plusSeconds(1000)), NOW)));
        assertEquals(Duration.ofSeconds(1), cache.refreshDelay(
                new JwksCache.Snapshot(List.of(), Optional.of(NOW), NOW)), "no sooner than a second");
        assertEquals(Duration.ofMinutes(1), cache.refreshDelay(
                new JwksCache.Snapshot(List.of(), Optional.empty(), NOW)), "no cache headers: every minute");
    }

    @Test
    void keysAreRefreshedInTheBackgroundWhenTheyExpire() throws Exception {
        idp.serve("/short-lived/jwks", "max-age=1", idp.coachKey);
        try (JwksCache cache = new JwksCache(URI.create(idp.url("/short-lived/jwks")), http, scheduler,
                Clock.systemUTC(), Duration.ZERO)) {
            cache.start().get(10, TimeUnit.SECONDS);
            assertTrue(cache.knowsKid("coach-key-1"));
            idp.serve("/short-lived/jwks", "max-age=1", idp.coachRotatedKey);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!cache.knowsKid("coach-key-2") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(cache.knowsKid("coach-key-2"), "rotated key picked up without any request");
        }
    }

    @Test
    void unknownKidRefetchesAreRateLimited() throws Exception {
        idp.serve("/rate-limited/jwks", "max-age=3600", idp.coachKey);
        try (JwksCache cache = new JwksCache(URI.create(idp.url("/rate-limited/jwks")), http, scheduler,
                Clock.systemUTC(), Duration.ofHours(1))) {
            cache.start().get(10, TimeUnit.SECONDS);
            assertEquals(1, idp.fetches("/rate-limited/jwks"));
            cache.refetchForUnknownKid().get(10, TimeUnit.SECONDS);
            assertEquals(2, idp.fetches("/rate-limited/jwks"));
            cache.refetchForUnknownKid().get(10, TimeUnit.SECONDS);
            assertEquals(2, idp.fetches("/rate-limited/jwks"), "a second unknown kid within the interval: no fetch");
        }
    }

    @Test
    void failedFetchKeepsTheCachedKeys() throws Exception {
        idp.serve("/flaky/jwks", "max-age=3600", idp.coachKey);
        try (JwksCache cache = new JwksCache(URI.create(idp.url("/flaky/jwks")), http, scheduler,
                Clock.systemUTC(), Duration.ZERO)) {
            cache.start().get(10, TimeUnit.SECONDS);
            idp.serveRaw("/flaky/jwks", "<html>maintenance</html>");
            cache.refetchForUnknownKid().get(10, TimeUnit.SECONDS);
            assertTrue(cache.knowsKid("coach-key-1"));
        }
    }
}
