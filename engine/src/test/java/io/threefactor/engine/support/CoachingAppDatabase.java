package io.threefactor.engine.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** A fresh database on which the engine applies the bundled coaching app (from the schema module's jar). */
public class CoachingAppDatabase implements QuarkusTestResourceLifecycleManager {

    private String database;

    @Override
    public Map<String, String> start() {
        database = TestDatabases.create("tf_engine_app");
        return Map.of(
                "threefactor.database-url", TestDatabases.url(database),
                "threefactor.example-app", "true");
    }

    @Override
    public void stop() {
        if (database != null) {
            TestDatabases.drop(database);
        }
    }
}
