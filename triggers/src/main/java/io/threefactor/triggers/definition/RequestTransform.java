package io.threefactor.triggers.definition;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hasura's {@code request_transform} of a webhook (server/src-lib/Hasura/RQL/Types/Webhook/Transform*.hs): what
 * replaces the method, URL, query parameters, headers and body of the request, each a Kriti template over
 * {@code $body} (the event payload), {@code $base_url}, {@code $session_variables} and {@code $query_params}. A null
 * part is left as it is.
 *
 * @param queryParams    parameters to add or replace (name → template), or null
 * @param queryTemplate  the whole query string as one template, or null
 * @param removeHeaders  header names to remove (case-insensitive), the default ones included
 * @param addHeaders     headers to add (name → template)
 * @param body           what becomes of the body
 */
public record RequestTransform(String method, String url, Map<String, String> queryParams, String queryTemplate,
                               List<String> removeHeaders, Map<String, String> addHeaders, Body body,
                               String contentType) {

    public RequestTransform {
        removeHeaders = List.copyOf(removeHeaders);
        addHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(addHeaders)); // in the order given
        queryParams = queryParams == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(queryParams));
    }

    /** The body: unchanged, removed, a JSON template, or {@code x-www-form-urlencoded} fields. */
    public sealed interface Body {
        record Unchanged() implements Body { }

        record Remove() implements Body { }

        record Template(String template) implements Body { }

        record Form(Map<String, String> fields) implements Body { }
    }

    /** Reads {@code request_transform} (version 1: {@code body} is the template itself; version 2: an action). */
    static RequestTransform parse(JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidDefinitionException("request_transform must be an object");
        }
        Map<String, String> params = null;
        String queryTemplate = null;
        JsonNode q = node.get("query_params");
        if (q != null && q.isObject()) {
            params = texts(q);
        } else if (q != null && q.isTextual()) {
            queryTemplate = q.textValue();
        }
        JsonNode headers = node.path("request_headers");
        List<String> remove = new ArrayList<>();
        headers.path("remove_headers").forEach(h -> remove.add(h.asText()));
        return new RequestTransform(text(node, "method"), text(node, "url"), params, queryTemplate, remove,
                texts(headers.path("add_headers")), body(node.get("body")), text(node, "content_type"));
    }

    private static Body body(JsonNode body) {
        if (body == null || body.isNull()) {
            return new Body.Unchanged();
        }
        if (body.isTextual()) {
            return new Body.Template(body.textValue());
        }
        return switch (body.path("action").asText("transform")) {
            case "remove" -> new Body.Remove();
            case "x_www_form_urlencoded" -> new Body.Form(texts(body.path("form_template")));
            case "transform" -> body.hasNonNull("template") ? new Body.Template(body.get("template").asText())
                    : new Body.Unchanged();
            default -> throw new InvalidDefinitionException("unknown body action " + body.path("action").asText());
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Map<String, String> texts(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }
}
