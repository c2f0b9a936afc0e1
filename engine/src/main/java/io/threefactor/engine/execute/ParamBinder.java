package io.threefactor.engine.execute;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threefactor.engine.ir.ParamValue;
import io.threefactor.engine.error.PlanningException;
import io.threefactor.engine.session.Session;
import io.threefactor.engine.sql.BoundParam;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Binds a compiled statement's parameters for one request. Every value travels as text (or text[]) and the
 * SQL casts it, so binding never inspects column types.
 */
public final class ParamBinder {

    private final ObjectMapper json;

    public ParamBinder(ObjectMapper json) {
        this.json = json;
    }

    public Tuple bind(List<BoundParam> params, Map<String, JsonNode> variables, Session session) {
        Object[] values = new Object[params.size()];
        for (int i = 0; i < values.length; i++) {
            BoundParam p = params.get(i);
            values[i] = p.array() ? array(p.source(), variables, session) : scalar(p.source(), variables, session);
        }
        return Tuple.wrap(values);
    }

    /**
     * Binds a multiplexed statement: the cohort arrays first ({@code $1} ids, {@code $2} variables, {@code $3}
     * session variables, each a String[] aligned by index), then the statement's own (literal) parameters.
     */
    public Tuple bindMultiplexed(List<BoundParam> params, String[] cohortIds, String[] variables, String[] sessions) {
        Object[] values = new Object[3 + params.size()];
        values[0] = cohortIds;
        values[1] = variables;
        values[2] = sessions;
        Session none = new Session("", Map.of(), false);
        for (int i = 0; i < params.size(); i++) {
            BoundParam p = params.get(i);
            values[3 + i] = p.array() ? array(p.source(), Map.of(), none) : scalar(p.source(), Map.of(), none);
        }
        return Tuple.wrap(values);
    }

    private String scalar(ParamValue source, Map<String, JsonNode> variables, Session session) {
        if (source instanceof ParamValue.Literal l) {
            return text(l.value());
        } else if (source instanceof ParamValue.Variable v) {
            return text(variables.get(v.name()));
        } else if (source instanceof ParamValue.Session s) {
            return session(s, session);
        } else if (source instanceof ParamValue.SessionJson) {
            return text(session.variables());
        } else if (source instanceof ParamValue.AsJson j) {
            Object value = j.value() instanceof ParamValue.Variable v ? variables.get(v.name()) : ((ParamValue.Literal) j.value()).value();
            return jsonText(value);
        }
        String[] items = array(source, variables, session);
        return items == null ? null : text(List.of(items));
    }

    private String[] array(ParamValue source, Map<String, JsonNode> variables, Session session) {
        if (source instanceof ParamValue.ListOf l) {
            String[] out = new String[l.items().size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = scalar(l.items().get(i), variables, session);
            }
            return out;
        }
        Object value;
        if (source instanceof ParamValue.Literal l) {
            value = l.value();
        } else if (source instanceof ParamValue.Variable v) {
            value = variables.get(v.name());
        } else {
            value = parseSessionArray(session((ParamValue.Session) source, session));
        }
        if (value == null || (value instanceof JsonNode n && n.isNull())) {
            return null;
        }
        List<String> items = new ArrayList<>();
        if (value instanceof JsonNode n && n.isArray()) {
            n.forEach(item -> items.add(text(item)));
        } else if (value instanceof List<?> list) {
            list.forEach(item -> items.add(text(item)));
        } else {
            items.add(text(value));
        }
        return items.toArray(String[]::new);
    }

    private static String session(ParamValue.Session s, Session session) {
        return session.variable(s.name()).orElseThrow(() -> new PlanningException("not-found",
                "missing session variable: \"" + s.name() + "\"", "$"));
    }

    /** Hasura accepts Postgres array literals ({@code {a,b}}) and JSON arrays in session variables. */
    private List<String> parseSessionArray(String value) {
        String v = value.trim();
        List<String> out = new ArrayList<>();
        if (v.startsWith("[")) {
            try {
                json.readTree(v).forEach(n -> out.add(text(n)));
                return out;
            } catch (JsonProcessingException e) {
                throw new PlanningException("bad-request", "invalid session variable array: " + value, "$");
            }
        }
        String inner = v.startsWith("{") && v.endsWith("}") ? v.substring(1, v.length() - 1) : v;
        for (String part : inner.split(",")) {
            String item = part.trim();
            if (item.length() >= 2 && item.startsWith("\"") && item.endsWith("\"")) {
                item = item.substring(1, item.length() - 1);
            }
            if (!item.isEmpty()) {
                out.add(item);
            }
        }
        return out;
    }

    /** The JSON text of a value; null (or JSON null) binds SQL NULL, as for every other type. */
    private String jsonText(Object value) {
        if (value == null || (value instanceof JsonNode n && (n.isNull() || n.isMissingNode()))) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNode n) {
            if (n.isNull() || n.isMissingNode()) return null;
            if (n.isTextual()) return n.textValue();
            if (n.isValueNode()) return n.asText();
            return n.toString();
        }
        if (value instanceof String s) return s;
        if (value instanceof BigDecimal d) return d.toPlainString();
        if (value instanceof Number || value instanceof Boolean) return value.toString();
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
