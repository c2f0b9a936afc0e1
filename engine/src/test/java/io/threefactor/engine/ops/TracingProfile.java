package io.threefactor.engine.ops;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.threefactor.engine.support.LibraryDatabase;

import java.util.List;
import java.util.Map;

/** The library fixture with OpenTelemetry on, spans kept in memory ({@link InMemorySpans}), the access log on. */
public class TracingProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.bsp.schedule.delay", "50ms",
                "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:1",
                "quarkus.log.category.\"io.opentelemetry\".level", "OFF",
                "quarkus.log.category.\"io.threefactor.access\".level", "INFO");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(LibraryDatabase.class));
    }
}
