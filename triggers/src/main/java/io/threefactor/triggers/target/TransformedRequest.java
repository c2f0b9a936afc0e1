package io.threefactor.triggers.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.triggers.definition.RequestTransform;
import io.vertx.core.buffer.Buffer;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A webhook request after its trigger's {@link RequestTransform}, as Hasura applies one
 * (server/src-lib/Hasura/RQL/DDL/Webhook/Transform.hs): the templates see {@code $body} (the event payload),
 * {@code $base_url} (the webhook), {@code $session_variables} and {@code $query_params}.
 *
 * @param removedHeaders lower-case names of headers not to send, the default ones included
 */
record TransformedRequest(String method, String url, List<Map.Entry<String, String>> headers,
                          Set<String> removedHeaders, Buffer body, String contentType) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The plain request: POST of the payload as JSON. */
    static TransformedRequest plain(String url, List<Map.Entry<String, String>> headers, Buffer payload) {
        return new TransformedRequest("POST", url, headers, Set.of(), payload, "application/json");
    }

    static TransformedRequest apply(RequestTransform t, String baseUrl, List<Map.Entry<String, String>> headers,
            Buffer payload) {
        ObjectNode context = JSON.createObjectNode();
        JsonNode body;
        try {
            body = JSON.readTree(payload.getBytes());
        } catch (Exception e) {
            throw new Kriti.TemplateException("the event payload is not JSON");
        }
        context.set("$body", body);
        context.put("$base_url", baseUrl);
        context.set("$session_variables", body.path("event").path("session_variables"));
        context.set("$query_params", JSON.createObjectNode());

        String url = t.url() == null ? baseUrl : Kriti.text(t.url(), context);
        String query = null;
        if (t.queryTemplate() != null) {
            query = Kriti.text(t.queryTemplate(), context);
        } else if (t.queryParams() != null && !t.queryParams().isEmpty()) {
            query = t.queryParams().entrySet().stream()
                    .map(e -> encode(Kriti.text(e.getKey(), context)) + "=" + encode(Kriti.text(e.getValue(), context)))
                    .collect(Collectors.joining("&"));
        }
        url = withQuery(url, query);

        Set<String> removed = new TreeSet<>();
        t.removeHeaders().forEach(h -> removed.add(h.toLowerCase()));
        List<Map.Entry<String, String>> sent = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            if (!removed.contains(h.getKey().toLowerCase())) {
                sent.add(h);
            }
        }
        t.addHeaders().forEach((name, value) -> sent.add(Map.entry(name, Kriti.text(value, context))));

        String contentType = t.contentType() == null ? "application/json" : t.contentType();
        Buffer out = payload;
        if (t.body() instanceof RequestTransform.Body.Remove) {
            out = Buffer.buffer();
        } else if (t.body() instanceof RequestTransform.Body.Template template) {
            out = Buffer.buffer(Kriti.json(template.template(), context).toString());
        } else if (t.body() instanceof RequestTransform.Body.Form form) {
            out = Buffer.buffer(form.fields().entrySet().stream()
                    .map(e -> encode(e.getKey()) + "=" + encode(Kriti.text(e.getValue(), context)))
                    .collect(Collectors.joining("&")));
            contentType = "application/x-www-form-urlencoded";
        }
        return new TransformedRequest(t.method() == null ? "POST" : t.method().toUpperCase(), url, sent, removed,
                out, contentType);
    }

    /** The URL with {@code query} (null: as it is) as its query string; an empty path becomes {@code /}. */
    private static String withQuery(String url, String query) {
        if (query == null) {
            return url;
        }
        URI uri = URI.create(url);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getScheme() + "://" + uri.getRawAuthority() + path + (query.isEmpty() ? "" : "?" + query);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
