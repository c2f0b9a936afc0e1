package io.threefactor.engine.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * The JSON text of protocol messages, {@code {"type":…,"id":…,"payload":…}}, written as text so that a result's
 * {@code data}, as Postgres built it, is put in without being parsed again.
 */
final class Frames {

    /** A close frame's reason has 123 bytes (125 less the code). */
    private static final int MAX_REASON_BYTES = 123;

    private Frames() {
    }

    /** A message; {@code id} and {@code payload} (JSON text) are left out when null. */
    static String frame(String type, String id, String payload) {
        StringBuilder b = new StringBuilder(64).append("{\"type\":").append(quote(type));
        if (id != null) {
            b.append(",\"id\":").append(quote(id));
        }
        if (payload != null) {
            b.append(",\"payload\":").append(payload);
        }
        return b.append('}').toString();
    }

    /** The payload {@code {"errors":[…]}}. */
    static String errors(JsonNode errors) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.set("errors", errors);
        return payload.toString();
    }

    /** {@code reason} cut to what a close frame holds, on a character boundary. */
    static String closeReason(String reason) {
        if (reason.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON_BYTES) {
            return reason;
        }
        StringBuilder b = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < reason.length(); ) {
            int cp = reason.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > MAX_REASON_BYTES - 3) {
                break;
            }
            b.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        return b.append("...").toString();
    }

    private static String quote(String s) {
        return JsonNodeFactory.instance.textNode(s).toString();
    }
}
