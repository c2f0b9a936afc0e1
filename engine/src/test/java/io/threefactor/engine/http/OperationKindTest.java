package io.threefactor.engine.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.threefactor.engine.execute.TraceContext;

class OperationKindTest {

    @Test
    void kindOfTheOperationTheRequestRuns() {
        assertEquals("query", OperationKind.of("{ article { id } }", null));
        assertEquals("query", OperationKind.of("query Q { article { id } }", null));
        assertEquals("mutation", OperationKind.of("  mutation M { delete_article(where: {}) { affected_rows } }", null));
        assertEquals("subscription", OperationKind.of("subscription { article { id } }", null));
        assertEquals("mutation", OperationKind.of("query A { a } mutation B { b }", "B"));
        assertEquals("query", OperationKind.of("query A { a } mutation B { b }", "A"));
        assertEquals("mutation", OperationKind.of("# query in a comment\nmutation { x }", null));
        assertEquals("query", OperationKind.of("{ mutation_log { id } }", null), "field names are not keywords");
    }

    @Test
    void traceContextFromW3cAndB3Headers() {
        String json = TraceContext.fromHeaders(h -> h.equals("traceparent")
                ? "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" : null);
        assertEquals("{\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"span_id\":\"00f067aa0ba902b7\",\"sampling_state\":\"1\"}", json);
        assertNull(TraceContext.fromHeaders(h -> h.equals("traceparent")
                ? "00-00000000000000000000000000000000-00f067aa0ba902b7-01" : null));
        assertNull(TraceContext.fromHeaders(h -> h.equals("traceparent") ? "garbage" : null));
        assertNull(TraceContext.fromHeaders(h -> null));
        String b3 = TraceContext.fromHeaders(h -> switch (h) {
            case "x-b3-traceid" -> "a3ce929d0e0e4736";
            case "x-b3-spanid" -> "00f067aa0ba902b7";
            case "x-b3-sampled" -> "0";
            default -> null;
        });
        assertTrue(b3.contains("\"trace_id\":\"0000000000000000a3ce929d0e0e4736\"") && b3.contains("\"sampling_state\":\"0\""), b3);
    }

    @Test
    void errorCodeFromAResponseBody() {
        assertEquals("validation-failed", RequestMetrics.code(
                "{\"errors\":[{\"message\":\"x\",\"extensions\":{\"path\":\"$\",\"code\":\"validation-failed\"}}]}"));
        assertEquals("unexpected", RequestMetrics.code("{}"));
    }
}
