package io.threefactor.triggers.target;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** POSTs a payload to a URL and describes what happened as Hasura's invocation request/response documents. */
public final class HttpSender {
    private final WebClient client;
    private final int responseTruncationLimit;

    public HttpSender(WebClient client, int responseTruncationLimit) {
        this.client = client;
        this.responseTruncationLimit = responseTruncationLimit;
    }

    /** {@code loggedHeaders} is what the invocation log shows (secret values redacted); {@code headers} is sent. */
    public Future<AttemptResult> post(String url, List<Map.Entry<String, String>> headers, JsonArray loggedHeaders,
            Buffer payload, int timeoutSec) {
        return send(TransformedRequest.plain(url, headers, payload), loggedHeaders, timeoutSec);
    }

    Future<AttemptResult> send(TransformedRequest out, JsonArray loggedHeaders, int timeoutSec) {
        String requestJson = AttemptResult.request(out.body().toString(), loggedHeaders);
        long start = System.nanoTime();
        HttpRequest<Buffer> request;
        try {
            request = client.requestAbs(HttpMethod.valueOf(out.method()), out.url()).timeout(timeoutSec * 1000L);
        } catch (RuntimeException e) {
            return Future.succeededFuture(AttemptResult.clientError(requestJson, "invalid URL: " + e.getMessage(), 0));
        }
        if (!out.removedHeaders().contains("content-type")) {
            request.putHeader("Content-Type", out.contentType());
        }
        if (!out.removedHeaders().contains("user-agent")) {
            request.putHeader("User-Agent", "threefactor-event-triggers");
        } else {
            request.headers().remove("User-Agent"); // the client's own default too
        }
        out.headers().forEach(h -> request.putHeader(h.getKey(), h.getValue()));
        return request.sendBuffer(out.body()).map(response -> fromResponse(requestJson, response, millisSince(start)))
                .otherwise(error -> AttemptResult.clientError(requestJson, describe(error), millisSince(start)));
    }

    private AttemptResult fromResponse(String requestJson, HttpResponse<Buffer> response, long durationMs) {
        String body = response.bodyAsString();
        body = body == null ? "" : body;
        if (body.length() > responseTruncationLimit) {
            body = body.substring(0, responseTruncationLimit);
        }
        int status = response.statusCode();
        String responseJson = new JsonObject()
                .put("type", "webhook_response")
                .put("data", new JsonObject()
                        .put("size", response.body() == null ? 0 : response.body().length())
                        .put("status", status)
                        .put("body", body)
                        .put("headers", headersJson(response.headers())))
                .put("version", "2").encode();
        boolean success = status >= 200 && status < 300;
        Duration retryAfter = success ? null : retryAfter(response.getHeader("Retry-After"));
        return new AttemptResult(success, status, requestJson, responseJson, retryAfter, durationMs);
    }

    /** Delay-seconds or an HTTP-date; anything else is ignored (the trigger's interval applies). */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException notDate) {
                return null;
            }
        }
    }

    private static JsonArray headersJson(MultiMap headers) {
        JsonArray array = new JsonArray();
        headers.forEach(h -> array.add(new JsonObject().put("name", h.getKey()).put("value", h.getValue())));
        return array;
    }

    private static String describe(Throwable error) {
        String name = error.getClass().getSimpleName();
        return error.getMessage() == null ? name : name + ": " + error.getMessage();
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
