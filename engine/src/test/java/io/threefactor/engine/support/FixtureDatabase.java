package io.threefactor.engine.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A throw-away database for one test profile, on which the engine applies a fixture project at start-up
 * (or, with no project, the bundled coaching app).
 */
public abstract class FixtureDatabase implements QuarkusTestResourceLifecycleManager {

    private final String prefix;
    private final String projectDir;
    private String database;

    /** @param projectDir a project under src/test/resources/projects, or null for the bundled coaching app */
    protected FixtureDatabase(String prefix, String projectDir) {
        this.prefix = prefix;
        this.projectDir = projectDir;
    }

    @Override
    public Map<String, String> start() {
        database = TestDatabases.create(prefix);
        Map<String, String> config = new HashMap<>();
        config.put("threefactor.database-url", TestDatabases.url(database));
        if (projectDir == null) {
            config.put("threefactor.example-app", "true");
        } else {
            config.put("threefactor.project-dir", Path.of("src/test/resources/projects", projectDir).toAbsolutePath().toString());
            config.put("threefactor.example-app", "false");
        }
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            TestDatabases.drop(database);
        }
    }
}
