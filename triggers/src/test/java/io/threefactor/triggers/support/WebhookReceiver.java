package io.threefactor.triggers.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static io.threefactor.triggers.support.Await.await;

/** A local webhook that records every delivery and answers as the test tells it to. */
public final class WebhookReceiver implements AutoCloseable {
    /** How to answer one delivery. */
    public sealed interface Reply {
        record Status(int code, Map<String, String> headers) implements Reply {
        }

        /** Answer {@code code} after {@code delayMs}. */
        record Delayed(long delayMs, int code) implements Reply {
        }

        /** Never answer (the sender's timeout fires). */
        record Hang() implements Reply {
        }

        /** Close the connection without answering. */
        record Close() implements Reply {
        }

        Reply OK = new Status(200, Map.of());

        static Reply status(int code) {
            return new Status(code, Map.of());
        }
    }

    /** One received request: its JSON body, headers, and when it arrived (System.nanoTime). */
    public record Received(JsonObject body, Map<String, String> headers, long arrivedNanos, String path,
                           String query) {
        public String eventId() {
            return body.getString("id");
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Set<String> distinctIds = ConcurrentHashMap.newKeySet();
    private volatile Function<Received, Reply> behaviour = r -> Reply.OK;

    private final Vertx vertx;

    private WebhookReceiver(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    public static WebhookReceiver start(Vertx vertx) {
        WebhookReceiver[] holder = new WebhookReceiver[1];
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setTcpNoDelay(true));
        holder[0] = new WebhookReceiver(vertx, server);
        server.requestHandler(req -> holder[0].handle(req));
        await(server.listen());
        return holder[0];
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            long now = System.nanoTime();
            Map<String, String> headers = new ConcurrentHashMap<>();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            Received r = new Received(body.length() == 0 ? new JsonObject() : body.toJsonObject(), headers, now,
                    request.path(), request.query());
            received.add(r);
            if (r.eventId() != null) {
                distinctIds.add(r.eventId());
            }
            Reply reply = behaviour.apply(r);
            if (reply instanceof Reply.Status s) {
                s.headers().forEach((k, v) -> request.response().putHeader(k, v));
                request.response().setStatusCode(s.code()).end("{\"ok\":" + (s.code() < 300) + "}");
            } else if (reply instanceof Reply.Delayed d) {
                request.response().setStatusCode(d.code());
                vertx.setTimer(d.delayMs(), t -> request.response().end("{}"));
            } else if (reply instanceof Reply.Close) {
                request.connection().close();
            }
        });
    }

    public void behave(Function<Received, Reply> behaviour) {
        this.behaviour = behaviour;
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/hook";
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public int count() {
        return received.size();
    }

    public int distinctCount() {
        return distinctIds.size();
    }

    public List<Received> forEvent(String eventId) {
        return received.stream().filter(r -> eventId.equals(r.eventId())).toList();
    }

    public void reset() {
        received.clear();
        distinctIds.clear();
        behaviour = r -> Reply.OK;
    }

    @Override
    public void close() {
        await(server.close());
    }
}
