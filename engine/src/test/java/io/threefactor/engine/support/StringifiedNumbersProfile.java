package io.threefactor.engine.support;

import java.util.Map;

/** The library fixture served with stringified numerics (HASURA_GRAPHQL_STRINGIFY_NUMERIC_TYPES=true). */
public class StringifiedNumbersProfile extends LibraryProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("threefactor.stringify-numeric-types", "true");
    }
}
