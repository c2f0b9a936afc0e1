package io.threefactor.engine.support;

import java.util.Map;

/** The library fixture with a per-role row limit configured for the inherited role {@code editor}. */
public class PermissionProfile extends LibraryProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("threefactor.role-row-limits.editor", "2");
    }
}
