package io.threefactor.engine.ops;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.threefactor.engine.support.LibraryDatabase;
import io.threefactor.engine.support.TestDatabases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The library fixture on a primary, plus a "replica": a second database with the same schema and rows and one row
 * more, so a test can tell which database answered. (A real replica follows the primary by streaming replication;
 * routing is what is under test here.)
 */
public class ReplicaProfile implements QuarkusTestProfile {

    static final String REPLICA_ONLY_AUTHOR = "Only On The Replica";

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(LibraryDatabase.class), new TestResourceEntry(ReplicaDatabase.class));
    }

    public static class ReplicaDatabase implements io.quarkus.test.common.QuarkusTestResourceLifecycleManager {
        private String database;

        @Override
        public Map<String, String> start() {
            database = TestDatabases.create("tf_replica");
            try {
                TestDatabases.execute(database, Files.readString(Path.of(
                        "src/test/resources/projects/library/migrations/default/1700000000000_init/up.sql")));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            TestDatabases.execute(database, "INSERT INTO author (id, name) VALUES (900, '" + REPLICA_ONLY_AUTHOR + "')");
            Map<String, String> config = new HashMap<>();
            config.put("threefactor.read-replica-urls", TestDatabases.url(database));
            return config;
        }

        @Override
        public void stop() {
            if (database != null) {
                TestDatabases.drop(database);
            }
        }
    }
}
