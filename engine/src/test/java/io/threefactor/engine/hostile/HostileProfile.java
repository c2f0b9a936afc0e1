package io.threefactor.engine.hostile;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.threefactor.engine.auth.JwtProfile;
import io.threefactor.engine.support.LibraryDatabase;

import java.util.List;
import java.util.Map;

/**
 * The library fixture in JWT mode (admin secret {@value JwtProfile#ADMIN_SECRET}), with a short statement time
 * limit so a runaway statement is cancelled within the test's patience, and a metrics secret.
 */
public class HostileProfile implements QuarkusTestProfile {

    static final String STATEMENT_TIMEOUT = "4s";
    static final String METRICS_SECRET = "hostile-metrics-secret";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("threefactor.statement-timeout", STATEMENT_TIMEOUT, "threefactor.metrics-secret", METRICS_SECRET);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(LibraryDatabase.class), new TestResourceEntry(JwtProfile.Secrets.class));
    }
}
