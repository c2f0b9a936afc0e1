package io.threefactor.engine.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.Map;

/** A fresh database with the library fixture project (migrations + metadata) applied by the engine at start. */
public class LibraryDatabase implements QuarkusTestResourceLifecycleManager {

    private String database;

    @Override
    public Map<String, String> start() {
        database = TestDatabases.create("tf_engine");
        return Map.of(
                "threefactor.database-url", TestDatabases.url(database),
                "threefactor.project-dir", Path.of("src/test/resources/projects/library").toAbsolutePath().toString(),
                "threefactor.example-app", "false");
    }

    @Override
    public void stop() {
        if (database != null) {
            TestDatabases.drop(database);
        }
    }
}
