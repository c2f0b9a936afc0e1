package io.threefactor.engine.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/** Tests against the bundled coaching app, applied from the classpath as on a fresh local start. */
public class CoachingAppProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(CoachingAppDatabase.class));
    }
}
