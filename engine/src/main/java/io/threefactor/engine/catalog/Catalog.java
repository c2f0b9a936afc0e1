package io.threefactor.engine.catalog;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.List;

/** What the database holds: every user table and view, plus the installed extensions. */
public record Catalog(Map<QualifiedTable, TableInfo> tables, Set<String> extensions,
                      Map<QualifiedTable, List<EnumValue>> enumValues,
                      Map<QualifiedTable, FunctionInfo> functions) {

    public Catalog {
        tables = Map.copyOf(tables);
        extensions = Set.copyOf(extensions);
        enumValues = Map.copyOf(enumValues);
        functions = Map.copyOf(functions);
    }

    public Catalog(Map<QualifiedTable, TableInfo> tables, Set<String> extensions) {
        this(tables, extensions, Map.of(), Map.of());
    }

    /** The same catalog with the rows of enum tables ({@code is_enum}), read separately. */
    public Catalog withEnumValues(Map<QualifiedTable, List<EnumValue>> values) {
        return new Catalog(tables, extensions, values, functions);
    }

    public Catalog withFunctions(Map<QualifiedTable, FunctionInfo> fns) {
        return new Catalog(tables, extensions, enumValues, fns);
    }

    public Optional<FunctionInfo> function(QualifiedTable name) {
        return Optional.ofNullable(functions.get(name));
    }

    public Optional<TableInfo> table(QualifiedTable name) {
        return Optional.ofNullable(tables.get(name));
    }

    public boolean hasPostgis() {
        return extensions.contains("postgis");
    }
}
