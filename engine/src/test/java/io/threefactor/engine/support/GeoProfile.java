package io.threefactor.engine.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/** A database with PostGIS and the geo fixture project (places with geometry and geography columns). */
public class GeoProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Database.class));
    }

    public static class Database extends FixtureDatabase {
        public Database() {
            super("tf_engine_geo", "geo");
        }
    }
}
