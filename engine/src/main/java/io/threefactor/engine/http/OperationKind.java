package io.threefactor.engine.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of a GraphQL request for metrics and the access log — {@code query}, {@code mutation},
 * {@code subscription} — read from the query text without parsing it (the executor parses it once, later).
 */
public final class OperationKind {

    private static final Pattern DEFINITION = Pattern.compile("(?:^|[\\s,}])(query|mutation|subscription)\\b\\s*([_A-Za-z][_0-9A-Za-z]*)?");

    private OperationKind() { }

    /** The kind of the operation the request runs; {@code unknown} when the body has no query text. */
    public static String of(JsonNode body) {
        JsonNode query = body == null ? null : body.get("query");
        if (query == null || !query.isTextual()) {
            return "unknown";
        }
        JsonNode name = body.get("operationName");
        return of(query.textValue(), name == null || name.isNull() ? null : name.asText());
    }

    static String of(String query, String operationName) {
        String text = stripComments(query);
        Matcher m = DEFINITION.matcher(text);
        String first = null;
        while (m.find()) {
            if (first == null) {
                first = m.group(1);
            }
            if (operationName == null || operationName.equals(m.group(2))) {
                // a bare selection set before the first keyword is a query
                return text.stripLeading().startsWith("{") && operationName == null ? "query" : m.group(1);
            }
        }
        return first == null ? "query" : first;
    }

    /** The operation name the request asks for, or null. */
    public static String name(JsonNode body) {
        JsonNode name = body == null ? null : body.get("operationName");
        return name == null || !name.isTextual() ? null : name.textValue();
    }

    private static String stripComments(String query) {
        if (query.indexOf('#') < 0) {
            return query;
        }
        return query.replaceAll("#[^\\n\\r]*", " ");
    }
}
