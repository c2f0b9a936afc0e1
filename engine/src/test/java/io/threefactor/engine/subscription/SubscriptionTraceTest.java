package io.threefactor.engine.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.threefactor.engine.ops.TracingProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With tracing on, the push a write causes is part of the write's trace: the mutation's transaction carries its
 * trace ({@code hasura.tracecontext}), the change notification carries it to the engine, and the refresh that
 * refetches and pushes is a span under the mutation's request span. With the event and function in between (their
 * payload and calls carry the same trace), this is one trace from the app's request to the app's push.
 */
@QuarkusTest
@TestProfile(TracingProfile.class)
class SubscriptionTraceTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void thePushOfAChangeIsASpanOfTheWritesTrace() throws Exception {
        String traceId = "5bf92f3577b34da6a3ce929d0e0e4737";
        try (WsClient app = WsClient.connect(base, "graphql-transport-ws")) {
            app.send("{'type':'connection_init','payload':{}}");
            assertEquals("connection_ack", app.next().get("type").asText());
            app.send("{'type':'subscribe','id':'1','payload':{'query':'subscription { author_by_pk(id: 2) { rating } }'}}");
            assertEquals(4, app.next().at("/payload/data/author_by_pk/rating").asInt());

            given().header("traceparent", "00-" + traceId + "-00f067aa0ba902b8-01").contentType(ContentType.JSON)
                    .body("{\"query\":\"mutation { update_author_by_pk(pk_columns: {id: 2}, _set: {rating: 3}) { id } }\"}")
                    .post("/v1/graphql").then().statusCode(200);
            JsonNode pushed = app.next();
            assertEquals(3, pushed.at("/payload/data/author_by_pk/rating").asInt(), pushed.toString());

            SpanData request = awaitSpan(traceId, SpanKind.SERVER, "POST");
            SpanData refresh = awaitSpan(traceId, SpanKind.INTERNAL, "subscription refresh");
            assertEquals(request.getSpanId(), refresh.getParentSpanId(), "the refresh is a child of the write's span");
            assertTrue(refresh.getEndEpochNanos() >= refresh.getStartEpochNanos());
        } finally {
            given().contentType(ContentType.JSON)
                    .body("{\"query\":\"mutation { update_author_by_pk(pk_columns: {id: 2}, _set: {rating: 4}) { id } }\"}")
                    .post("/v1/graphql").then().statusCode(200);
        }
    }

    private SpanData awaitSpan(String traceId, SpanKind kind, String namePrefix) throws InterruptedException {
        long until = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < until) {
            Optional<SpanData> found = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(traceId) && s.getKind() == kind && s.getName().startsWith(namePrefix))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + kind + " span '" + namePrefix + "' in trace " + traceId + ": "
                + spans.getFinishedSpanItems());
    }
}
