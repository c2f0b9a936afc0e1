package io.threefactor.engine.ops;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.threefactor.engine.http.AccessLog;

/** With tracing on, a GraphQL request's server span continues the caller's W3C trace and is exported. */
@QuarkusTest
@TestProfile(TracingProfile.class)
class TracingTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void requestSpanContinuesTheCallersTrace() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parent = "00f067aa0ba902b7";
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() { }

            @Override
            public void close() { }
        };
        Logger.getLogger(AccessLog.CATEGORY).addHandler(capture);
        try {
            given().header("traceparent", "00-" + traceId + "-" + parent + "-01").contentType(ContentType.JSON)
                    .body("{\"query\":\"{ article(limit: 1) { id } }\"}").post("/v1/graphql").then().statusCode(200);
            long until = System.currentTimeMillis() + 10_000;
            SpanData server = null;
            while (server == null && System.currentTimeMillis() < until) {
                server = spans.getFinishedSpanItems().stream()
                        .filter(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(traceId)).findFirst().orElse(null);
                Thread.sleep(50);
            }
            assertTrue(server != null, "no server span in trace " + traceId + ": " + spans.getFinishedSpanItems());
            assertTrue(parent.equals(server.getParentSpanId()), server.toString());
            while (lines.stream().noneMatch(l -> l.contains("/v1/graphql")) && System.currentTimeMillis() < until) {
                Thread.sleep(50);
            }
            assertTrue(lines.stream().anyMatch(l -> l.contains("/v1/graphql") && l.contains("trace=" + traceId)),
                    "the access log names the trace: " + lines);
        } finally {
            Logger.getLogger(AccessLog.CATEGORY).removeHandler(capture);
        }
    }
}
