package io.threefactor.engine.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/** The v1 row API, run_sql cascade, bulk tracking and function mutations, on the query-api fixture. */
public class QueryApiProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(QueryApiDatabase.class));
    }
}
