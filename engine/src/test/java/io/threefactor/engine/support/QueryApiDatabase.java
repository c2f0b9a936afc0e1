package io.threefactor.engine.support;

import java.util.HashMap;
import java.util.Map;

/**
 * The query-api fixture (author and article tracked with permissions for role {@code user}; gizmo, widget, sprocket,
 * big_widget, audit and three functions not) with the metadata tests' admin secret.
 */
public class QueryApiDatabase extends FixtureDatabase {

    public QueryApiDatabase() {
        super("tf_engine_query", "query-api");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("threefactor.admin-secret", MetadataApiDatabase.ADMIN_SECRET);
        return config;
    }
}
