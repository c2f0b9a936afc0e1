package io.threefactor.engine.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One hostile request and what a clean answer to it is.
 *
 * @param transport    {@code http}; cases for other transports (a WebSocket frame) are kept in the corpus and
 *                     skipped until the suite can send them
 * @param expectStatus the HTTP status, or null for any below 500
 * @param expectCode   the Hasura error code of the answer, or null when data or any clean error will do
 * @param maxMillis    how long the answer may take
 */
record HostileCase(String name, String transport, String method, String path, Map<String, String> headers,
                   String contentType, byte[] body, Integer expectStatus, String expectCode, long maxMillis) {

    static final long DEFAULT_MAX_MILLIS = 1000;

    static HostileCase graphql(String name, String body, String expectCode) {
        return new HostileCase(name, "http", "POST", "/v1/graphql", Map.of(), "application/json",
                body.getBytes(StandardCharsets.UTF_8), null, expectCode, DEFAULT_MAX_MILLIS);
    }

    HostileCase withHeaders(Map<String, String> more) {
        return new HostileCase(name, transport, method, path, more, contentType, body, expectStatus, expectCode, maxMillis);
    }

    HostileCase withBody(byte[] raw) {
        return new HostileCase(name, transport, method, path, headers, contentType, raw, expectStatus, expectCode, maxMillis);
    }

    HostileCase withStatus(int status) {
        return new HostileCase(name, transport, method, path, headers, contentType, body, status, expectCode, maxMillis);
    }

    HostileCase withContentType(String type) {
        return new HostileCase(name, transport, method, path, headers, type, body, expectStatus, expectCode, maxMillis);
    }

    HostileCase withMaxMillis(long millis) {
        return new HostileCase(name, transport, method, path, headers, contentType, body, expectStatus, expectCode, millis);
    }

    @Override
    public String toString() {
        return name;
    }
}
