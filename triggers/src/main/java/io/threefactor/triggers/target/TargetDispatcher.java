package io.threefactor.triggers.target;

import io.threefactor.triggers.definition.EventTriggerDefinition;
import io.threefactor.triggers.definition.HeaderConf;
import io.threefactor.triggers.definition.Target;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends an event to whatever its trigger targets: a webhook (literal or from the environment), a Funqy function
 * (an HTTP endpoint from {@link FunctionEndpoints}) or a message channel. Resolution failures (a missing variable,
 * an unknown function) are failed attempts, retried like any other, so no event is dropped for a configuration slip.
 */
public final class TargetDispatcher implements EventSender {
    /**
     * A webhook (or {@code webhook_from_env} value) {@code channel://orders} publishes to channel {@code orders}: the
     * Hasura-compatible way to name a channel, since Hasura requires a webhook and would reject metadata without.
     */
    public static final String CHANNEL_SCHEME = "channel://";

    private final HttpSender http;
    private final MessageChannel channels;
    private final Environment environment;
    private final FunctionEndpoints functions;

    public TargetDispatcher(HttpSender http, MessageChannel channels, Environment environment,
            FunctionEndpoints functions) {
        this.http = http;
        this.channels = channels;
        this.environment = environment;
        this.functions = functions;
    }

    @Override
    public Future<AttemptResult> send(EventTriggerDefinition trigger, String eventId, Buffer payload,
            Optional<String> traceparent) {
        Target target = trigger.target();
        if (target instanceof Target.Channel channel) {
            return publish(channel.name(), eventId, payload);
        }
        Optional<String> url = resolveUrl(target);
        if (url.isPresent() && url.get().startsWith(CHANNEL_SCHEME)) {
            return publish(url.get().substring(CHANNEL_SCHEME.length()), eventId, payload);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        JsonArray logged = new JsonArray();
        List<String> missing = new ArrayList<>();
        traceparent.ifPresent(t -> {
            headers.add(Map.entry("traceparent", t));
            logged.add(new JsonObject().put("name", "traceparent").put("value", t));
        });
        for (HeaderConf header : trigger.headers()) {
            if (header instanceof HeaderConf.Literal l) {
                headers.add(Map.entry(l.name(), l.value()));
                logged.add(new JsonObject().put("name", l.name()).put("value", l.value()));
            } else if (header instanceof HeaderConf.FromEnv e) {
                // The value may be a secret: the invocation log names the variable, not its value.
                Optional<String> value = environment.find(e.variable());
                value.ifPresentOrElse(v -> headers.add(Map.entry(e.name(), v)), () -> missing.add(e.variable()));
                logged.add(new JsonObject().put("name", e.name()).put("value_from_env", e.variable()));
            }
        }
        if (url.isEmpty() || !missing.isEmpty()) {
            String request = AttemptResult.request(payload.toString(), logged);
            String reason = url.isEmpty() ? "cannot resolve the target " + describe(target)
                    : "environment variables not set: " + missing;
            return Future.succeededFuture(AttemptResult.clientError(request, reason, 0));
        }
        if (trigger.transform() == null) {
            return http.post(url.get(), headers, logged, payload, trigger.retryConf().timeoutSec());
        }
        TransformedRequest transformed;
        try {
            transformed = TransformedRequest.apply(trigger.transform(), url.get(), headers, payload);
        } catch (RuntimeException e) {
            return Future.succeededFuture(AttemptResult.clientError(AttemptResult.request(payload.toString(), logged),
                    "request_transform failed: " + e.getMessage(), 0));
        }
        return http.send(transformed, logged, trigger.retryConf().timeoutSec());
    }

    private Future<AttemptResult> publish(String channel, String eventId, Buffer payload) {
        String request = AttemptResult.request(payload.toString(), new JsonArray());
        long start = System.nanoTime();
        Future<Void> published;
        try {
            published = channels.publish(channel, eventId, payload);
        } catch (RuntimeException e) {
            published = Future.failedFuture(e);
        }
        return published.map(v -> new AttemptResult(true, 200, request, new JsonObject()
                        .put("type", "channel_ack")
                        .put("data", new JsonObject().put("channel", channel))
                        .put("version", "2").encode(), null, (System.nanoTime() - start) / 1_000_000))
                .otherwise(e -> AttemptResult.clientError(request, "publishing to channel " + channel + " failed: "
                        + e.getMessage(), (System.nanoTime() - start) / 1_000_000));
    }

    private Optional<String> resolveUrl(Target target) {
        if (target instanceof Target.WebhookUrl w) {
            return Optional.of(w.url());
        } else if (target instanceof Target.WebhookFromEnv e) {
            return environment.find(e.variable());
        } else if (target instanceof Target.Function f) {
            return functions.resolve(f.name());
        }
        return Optional.empty();
    }

    private static String describe(Target target) {
        if (target instanceof Target.WebhookFromEnv e) {
            return "webhook_from_env " + e.variable() + " (variable not set)";
        } else if (target instanceof Target.Function f) {
            return "function " + f.name() + " (no URL configured)";
        }
        return target.toString();
    }
}
