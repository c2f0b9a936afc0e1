package io.threefactor.functions.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Lambda function as AWS runs it behind a function URL, emulated on loopback: the Lambda Runtime API
 * ({@code /2018-06-01/runtime/...}, which the function's runtime client polls) and the function URL in front of it.
 * An HTTP request to the URL becomes a payload-format-2.0 event (the request's headers, lower-cased, and body), is
 * handed to the function on its next poll, and the function's result becomes the HTTP response as a function URL
 * makes it: {@code statusCode}, {@code headers} and {@code body} when the result has a {@code statusCode}, else 200
 * with the result as the body. A function error (the runtime's {@code /error}) becomes a 502, as AWS answers.
 */
public final class LambdaFunctionUrl implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUNTIME = "/2018-06-01/runtime/";

    private record Invocation(String id, String event, CompletableFuture<Result> result) {
    }

    /** What the function (or its runtime) reported for one invocation. */
    public record Result(boolean error, String body) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lambda-emulator");
        t.setDaemon(true);
        return t;
    });
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstPoll = new CompletableFuture<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final String functionArn;
    private final int timeoutSeconds;

    public LambdaFunctionUrl(String functionName, int timeoutSeconds) {
        this.functionArn = "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
        this.timeoutSeconds = timeoutSeconds;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(threads);
        server.createContext(RUNTIME, this::runtime);
        server.createContext("/", this::functionUrl);
        server.start();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API} for the function's process. */
    public String runtimeApi() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The function URL (what the event trigger's webhook variable takes). */
    public String url() {
        return "http://" + runtimeApi() + "/";
    }

    /** Nanos (System.nanoTime) of the runtime's first {@code /next}: it has initialised (loaded the handler). */
    public long awaitFirstPoll(long timeoutSeconds) throws Exception {
        return CompletableFuture.anyOf(firstPoll, initError.thenApply(e -> {
            throw new IllegalStateException("the function failed to initialise: " + e);
        })).thenApply(Long.class::cast).get(timeoutSeconds, TimeUnit.SECONDS);
    }

    /** Invokes the function directly with {@code event} (what the function URL does for an HTTP request). */
    public Result invoke(String event) throws Exception {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), event, new CompletableFuture<>());
        pending.add(invocation);
        try {
            return invocation.result().get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the function did not answer within its timeout (" + timeoutSeconds + " s)");
        }
    }

    private void functionUrl(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            ObjectNode headers = JSON.createObjectNode();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            ObjectNode event = JSON.createObjectNode().put("version", "2.0").put("routeKey", "$default")
                    .put("rawPath", exchange.getRequestURI().getRawPath())
                    .put("rawQueryString", exchange.getRequestURI().getRawQuery() == null ? ""
                            : exchange.getRequestURI().getRawQuery());
            event.set("headers", headers);
            ObjectNode context = event.putObject("requestContext").put("requestId", UUID.randomUUID().toString())
                    .put("domainName", exchange.getRequestHeaders().getFirst("host"))
                    .put("timeEpoch", Instant.now().toEpochMilli());
            context.putObject("http").put("method", exchange.getRequestMethod())
                    .put("path", exchange.getRequestURI().getRawPath()).put("protocol", "HTTP/1.1")
                    .put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
            event.put("body", body).put("isBase64Encoded", false);
            Result result;
            try {
                result = invoke(JSON.writeValueAsString(event));
            } catch (Exception e) {
                respond(exchange, 504, "application/json", "{\"message\":\"" + e.getMessage() + "\"}");
                return;
            }
            if (result.error()) {
                respond(exchange, 502, "application/json", "{\"message\":\"Internal Server Error\"}");
                return;
            }
            JsonNode answer = JSON.readTree(result.body());
            if (answer != null && answer.has("statusCode")) {
                String text = answer.path("body").asText("");
                if (answer.path("isBase64Encoded").asBoolean()) {
                    text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
                }
                answer.path("headers").fields().forEachRemaining(h ->
                        exchange.getResponseHeaders().set(h.getKey(), h.getValue().asText()));
                respond(exchange, answer.path("statusCode").asInt(), null, text);
            } else {
                respond(exchange, 200, "application/json", result.body());
            }
        }
    }

    private void runtime(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(RUNTIME.length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("invocation/next")) {
                firstPoll.complete(System.nanoTime());
                Invocation next;
                try {
                    next = pending.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                inFlight.put(next.id(), next);
                exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", next.id());
                exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms",
                        Long.toString(System.currentTimeMillis() + timeoutSeconds * 1000L));
                exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
                exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id",
                        "Root=1-00000000-000000000000000000000000;Sampled=0");
                respond(exchange, 200, "application/json", next.event());
            } else if (path.equals("init/error")) {
                initError.complete(new String(body, StandardCharsets.UTF_8));
                respond(exchange, 202, "application/json", "{}");
            } else if (path.startsWith("invocation/")) {
                List<String> parts = List.of(path.split("/"));
                Invocation invocation = parts.size() == 3 ? inFlight.remove(parts.get(1)) : null;
                if (invocation == null) {
                    respond(exchange, 400, "application/json", "{\"errorMessage\":\"unknown request id\"}");
                    return;
                }
                invocation.result().complete(new Result(parts.get(2).equals("error"),
                        new String(body, StandardCharsets.UTF_8)));
                respond(exchange, 202, "application/json", "{}");
            } else {
                respond(exchange, 404, "application/json", "{}");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().set("content-type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
