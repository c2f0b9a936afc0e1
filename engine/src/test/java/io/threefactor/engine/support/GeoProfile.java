package io.threefactor.engine.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A database with PostGIS and the geo fixture project (places with geometry and geography columns). */
public class GeoProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Database.class));
    }

    public static class Database implements QuarkusTestResourceLifecycleManager {
        private String database;

        @Override
        public Map<String, String> start() {
            database = TestDatabases.create("tf_engine_geo");
            return Map.of("threefactor.database-url", TestDatabases.url(database),
                    "threefactor.project-dir", Path.of("src/test/resources/projects/geo").toAbsolutePath().toString(),
                    "threefactor.example-app", "false");
        }

        @Override
        public void stop() {
            if (database != null) {
                TestDatabases.drop(database);
            }
        }
    }
}
