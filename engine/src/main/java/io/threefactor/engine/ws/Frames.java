package io.threefactor.engine.ws;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The JSON text of protocol messages, {@code {"type":…,"id":…,"payload":…}}, written as text so that a result's
 * {@code data}, as Postgres built it, is put in without being parsed again.
 */
final class Frames {

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

    /** The payload {@code {"message":…}}. */
    static String message(String text) {
        return JsonNodeFactory.instance.objectNode().put("message", text).toString();
    }

    private static String quote(String s) {
        return JsonNodeFactory.instance.textNode(s).toString();
    }
}
