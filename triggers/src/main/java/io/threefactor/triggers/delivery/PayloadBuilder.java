package io.threefactor.triggers.delivery;

import io.threefactor.triggers.definition.RetryConf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.time.format.DateTimeFormatter;

/** Builds the body Hasura sends to a webhook, key for key. */
public final class PayloadBuilder {
    private PayloadBuilder() {
    }

    public static JsonObject payload(ClaimedEvent event, RetryConf retryConf) {
        JsonObject stored = event.storedEvent();
        JsonObject body = new JsonObject()
                .put("session_variables", stored.getValue("session_variables"))
                .put("op", stored.getValue("op"))
                .put("data", stored.getValue("data"));
        Object traceContext = stored.getValue("trace_context");
        if (traceContext != null) {
            body.put("trace_context", traceContext);
        }
        return new JsonObject()
                .put("event", body)
                .put("created_at", event.createdAt().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "Z")
                .put("id", event.id())
                .put("delivery_info", new JsonObject()
                        .put("max_retries", retryConf.numRetries())
                        .put("current_retry", event.tries()))
                .put("trigger", new JsonObject().put("name", event.triggerName()))
                .put("table", new JsonObject().put("schema", event.schemaName()).put("name", event.tableName()));
    }

    public static Buffer encode(ClaimedEvent event, RetryConf retryConf) {
        return payload(event, retryConf).toBuffer();
    }
}
