package io.threefactor.triggers.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * The part of Kriti, Hasura's template language for request transforms, that reads values: {@code {{ $body.a.b }}},
 * with {@code .name}, {@code ?.name}, {@code ['name']} and {@code [0]} steps over the context's variables. In a JSON
 * template a {@code {{…}}} outside a string is replaced by the value's JSON, inside a string by its text; in a text
 * template (URL, header, query parameter) by its text. A missing field is null. Kriti's conditionals and functions
 * are not read: a template using them fails the delivery attempt with a message that says so.
 */
final class Kriti {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Kriti() {
    }

    /** Thrown for a template this subset cannot render; the attempt fails (and is retried) with its message. */
    static final class TemplateException extends RuntimeException {
        TemplateException(String message) {
            super(message, null, false, false);
        }
    }

    /** A JSON template's value. */
    static JsonNode json(String template, JsonNode context) {
        String text = render(template, context, true);
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new TemplateException("the transformed body is not JSON: " + text);
        }
    }

    /** A text template's value. */
    static String text(String template, JsonNode context) {
        return render(template, context, false);
    }

    private static String render(String template, JsonNode context, boolean json) {
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{' && template.startsWith("{{", i)) {
                int end = template.indexOf("}}", i + 2);
                if (end < 0) {
                    throw new TemplateException("unclosed {{ in template");
                }
                JsonNode value = eval(template.substring(i + 2, end).trim(), context);
                if (json && !inString) {
                    out.append(value.toString());
                } else {
                    String s = value.isTextual() ? value.textValue() : value.toString();
                    out.append(json ? escaped(s) : s);
                }
                i = end + 1;
                continue;
            }
            if (json && c == '"' && !escapedAt(template, i)) {
                inString = !inString;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean escapedAt(String s, int i) {
        int backslashes = 0;
        for (int j = i - 1; j >= 0 && s.charAt(j) == '\\'; j--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static String escaped(String s) {
        String quoted = JsonNodeFactory.instance.textNode(s).toString();
        return quoted.substring(1, quoted.length() - 1);
    }

    /** {@code $name} followed by steps. */
    static JsonNode eval(String expr, JsonNode context) {
        if (!expr.startsWith("$")) {
            throw new TemplateException("unsupported template expression: " + expr);
        }
        int i = 1;
        while (i < expr.length() && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_')) {
            i++;
        }
        JsonNode value = context.path(expr.substring(0, i));
        while (i < expr.length()) {
            if (expr.startsWith("?.", i) || expr.charAt(i) == '.') {
                i += expr.charAt(i) == '?' ? 2 : 1;
                int start = i;
                while (i < expr.length() && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_')) {
                    i++;
                }
                value = value.path(expr.substring(start, i));
            } else if (expr.startsWith("?[", i) || expr.charAt(i) == '[') {
                i += expr.charAt(i) == '?' ? 2 : 1;
                int close = expr.indexOf(']', i);
                if (close < 0) {
                    throw new TemplateException("unclosed [ in " + expr);
                }
                String key = expr.substring(i, close).trim();
                if (key.length() >= 2 && (key.charAt(0) == '\'' || key.charAt(0) == '"')) {
                    value = value.path(key.substring(1, key.length() - 1));
                } else if (key.matches("\\d+")) {
                    value = value.path(Integer.parseInt(key));
                } else {
                    throw new TemplateException("unsupported template expression: " + expr);
                }
                i = close + 1;
            } else {
                throw new TemplateException("unsupported template expression: " + expr);
            }
        }
        return value.isMissingNode() ? NullNode.getInstance() : value;
    }
}
