package io.threefactor.engine.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/** The engine started on metadata that was stored with names GraphQL refuses. */
public class StoredMetadataProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StoredMetadataDatabase.class));
    }
}
