package io.threefactor.engine.catalog;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the database holds: every user table and view, plus the installed extensions. */
public record Catalog(Map<QualifiedTable, TableInfo> tables, Set<String> extensions) {

    public Catalog {
        tables = Map.copyOf(tables);
        extensions = Set.copyOf(extensions);
    }

    public Optional<TableInfo> table(QualifiedTable name) {
        return Optional.ofNullable(tables.get(name));
    }

    public boolean hasPostgis() {
        return extensions.contains("postgis");
    }
}
