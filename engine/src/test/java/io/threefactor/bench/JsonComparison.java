package io.threefactor.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Iterator;
import java.util.Optional;

/**
 * Whether two JSON answers are the same value: key order ignored, array order kept, numbers compared by value
 * (1 and 1.0 are one number in JSON). Reports the first difference as a path, so a mismatch is easy to read.
 */
final class JsonComparison {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private JsonComparison() { }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + abbreviate(text, 300), e);
        }
    }

    /** The first difference as "path: a vs b", or empty when equal. */
    static Optional<String> difference(JsonNode a, JsonNode b) {
        return difference("$", a, b);
    }

    private static Optional<String> difference(String path, JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0 ? Optional.empty() : differ(path, a, b);
        }
        if (a.getNodeType() != b.getNodeType()) {
            return differ(path, a, b);
        }
        if (a.isObject()) {
            if (a.size() != b.size()) {
                return Optional.of(path + ": keys " + fieldNames(a) + " vs " + fieldNames(b));
            }
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!b.has(k)) {
                    return Optional.of(path + ": keys " + fieldNames(a) + " vs " + fieldNames(b));
                }
                Optional<String> d = difference(path + "." + k, a.get(k), b.get(k));
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        if (a.isArray()) {
            if (a.size() != b.size()) {
                return Optional.of(path + ": " + a.size() + " elements vs " + b.size());
            }
            for (int i = 0; i < a.size(); i++) {
                Optional<String> d = difference(path + "[" + i + "]", a.get(i), b.get(i));
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        return a.equals(b) ? Optional.empty() : differ(path, a, b);
    }

    private static Optional<String> differ(String path, JsonNode a, JsonNode b) {
        return Optional.of(path + ": " + abbreviate(a.toString(), 200) + " vs " + abbreviate(b.toString(), 200));
    }

    private static String fieldNames(JsonNode n) {
        StringBuilder b = new StringBuilder("[");
        n.fieldNames().forEachRemaining(k -> b.append(b.length() > 1 ? ", " : "").append(k));
        return b.append(']').toString();
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…(" + s.length() + " chars)";
    }
}
