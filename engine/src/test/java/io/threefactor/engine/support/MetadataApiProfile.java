package io.threefactor.engine.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/** Tests that change metadata (metadata API, event triggers) on their own database, away from the library tests. */
public class MetadataApiProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MetadataApiDatabase.class));
    }
}
