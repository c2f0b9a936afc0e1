package io.threefactor.engine.ops;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.threefactor.engine.support.LibraryDatabase;

import java.util.List;
import java.util.Map;

/** The library fixture with an admin secret, and the access log on. */
public class OpsProfile implements QuarkusTestProfile {

    static final String SECRET = "ops-admin-secret-5f1c9e";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "threefactor.admin-secret", SECRET,
                "quarkus.log.category.\"io.threefactor.access\".level", "INFO");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(LibraryDatabase.class));
    }
}
