package io.threefactor.engine.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/** Tests against the library fixture project (authors, articles, comments). One engine start serves them all. */
public class LibraryProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(LibraryDatabase.class));
    }
}
