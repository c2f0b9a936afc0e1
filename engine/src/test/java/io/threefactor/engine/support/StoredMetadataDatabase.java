package io.threefactor.engine.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A database whose stored metadata ({@code hdb_catalog.hdb_metadata}) was written before the engine starts, not
 * through the metadata API, with names GraphQL refuses: {@code sm_odd} has the custom root field {@code "x; drop"},
 * {@code sm_bad} a column {@code my-col} without a custom name, {@code sm_good} is fine.
 */
public class StoredMetadataDatabase implements QuarkusTestResourceLifecycleManager {

    private static final String METADATA = """
            {"version": 3, "sources": [{"name": "default", "kind": "postgres",
              "configuration": {"connection_info": {"database_url": {"from_env": "HASURA_GRAPHQL_DATABASE_URL"}}},
              "tables": [
                {"table": {"schema": "public", "name": "sm_good"}},
                {"table": {"schema": "public", "name": "sm_odd"},
                 "configuration": {"custom_root_fields": {"select": "x; drop"}}},
                {"table": {"schema": "public", "name": "sm_bad"}}]}]}""";

    private String database;

    @Override
    public Map<String, String> start() {
        database = TestDatabases.create("tf_engine_stored");
        TestDatabases.execute(database, """
                CREATE TABLE sm_good (id int PRIMARY KEY); INSERT INTO sm_good VALUES (1);
                CREATE TABLE sm_odd (id int PRIMARY KEY); INSERT INTO sm_odd VALUES (2);
                CREATE TABLE sm_bad (id int PRIMARY KEY, "my-col" int); INSERT INTO sm_bad VALUES (3, 4);
                CREATE SCHEMA hdb_catalog;
                CREATE TABLE hdb_catalog.hdb_metadata (id integer PRIMARY KEY, metadata json NOT NULL,
                  resource_version integer NOT NULL DEFAULT 1 UNIQUE);
                INSERT INTO hdb_catalog.hdb_metadata VALUES (1, '%s', 1);
                """.formatted(METADATA));
        return Map.of(
                "threefactor.database-url", TestDatabases.url(database),
                "threefactor.example-app", "false",
                "threefactor.admin-secret", MetadataApiDatabase.ADMIN_SECRET);
    }

    @Override
    public void stop() {
        if (database != null) {
            TestDatabases.drop(database);
        }
    }
}
