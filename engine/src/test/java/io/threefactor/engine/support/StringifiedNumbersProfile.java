package io.threefactor.engine.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** The library fixture served with stringified numerics (HASURA_GRAPHQL_STRINGIFY_NUMERIC_TYPES=true). */
public class StringifiedNumbersProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("threefactor.stringify-numeric-types", "true");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(LibraryDatabase.class));
    }
}
