package io.threefactor.engine.auth;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON paths Hasura accepts in {@code claims_namespace_path} and {@code claims_map}: {@code $}, then any of
 * {@code .key}, {@code ['key']}, {@code ["key"]} and {@code [0]} ({@code $.hasura['x-hasura-roles'][0]}).
 */
public final class JsonPath {

    private final String text;
    private final List<Object> steps;

    private JsonPath(String text, List<Object> steps) {
        this.text = text;
        this.steps = steps;
    }

    public static JsonPath parse(String text) {
        List<Object> steps = new ArrayList<>();
        int i = 0;
        int n = text.length();
        if (i < n && text.charAt(i) == '$') {
            i++;
        }
        while (i < n) {
            char c = text.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[') {
                    i++;
                }
                if (i == start) {
                    throw new IllegalArgumentException("invalid JSON path " + text + ": empty key at " + start);
                }
                steps.add(text.substring(start, i));
            } else if (c == '[') {
                i++;
                if (i < n && (text.charAt(i) == '\'' || text.charAt(i) == '"')) {
                    char quote = text.charAt(i);
                    int end = text.indexOf(quote, i + 1);
                    if (end < 0 || end + 1 >= n || text.charAt(end + 1) != ']') {
                        throw new IllegalArgumentException("invalid JSON path " + text + ": unterminated key");
                    }
                    steps.add(text.substring(i + 1, end));
                    i = end + 2;
                } else {
                    int end = text.indexOf(']', i);
                    if (end < 0) {
                        throw new IllegalArgumentException("invalid JSON path " + text + ": unterminated index");
                    }
                    try {
                        steps.add(Integer.parseInt(text.substring(i, end).trim()));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("invalid JSON path " + text + ": bad index");
                    }
                    i = end + 1;
                }
            } else if (steps.isEmpty() && i == 0) {
                // "a.b" without the leading "$."
                int start = i;
                while (i < n && text.charAt(i) != '.' && text.charAt(i) != '[') {
                    i++;
                }
                steps.add(text.substring(start, i));
            } else {
                throw new IllegalArgumentException("invalid JSON path " + text + ": unexpected '" + c + "' at " + i);
            }
        }
        return new JsonPath(text, List.copyOf(steps));
    }

    /** The value at this path, if every step exists (a JSON null counts as present). */
    public Optional<JsonNode> find(JsonNode root) {
        JsonNode node = root;
        for (Object step : steps) {
            if (node == null) {
                return Optional.empty();
            }
            node = step instanceof Integer index
                    ? (node.isArray() ? node.get(index) : null)
                    : (node.isObject() ? node.get((String) step) : null);
        }
        return Optional.ofNullable(node);
    }

    @Override
    public String toString() {
        return text;
    }
}
