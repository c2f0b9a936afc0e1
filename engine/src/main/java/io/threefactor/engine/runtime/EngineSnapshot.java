package io.threefactor.engine.runtime;

import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.metadata.Metadata;
import io.threefactor.engine.metadata.ServableMetadata;
import io.threefactor.engine.schema.InconsistentObject;
import io.threefactor.engine.schema.SchemaBuilder;
import io.threefactor.engine.schema.TableModel;
import io.threefactor.engine.schema.TableModelResolver;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Metadata and catalog at one point in time, with each role's schema built on first use. A reload replaces
 * the whole snapshot, so requests in flight finish on the one they started with.
 */
public final class EngineSnapshot {

    private final long generation;
    private final Metadata metadata;
    /** What the schema is built from: the metadata less the objects whose GraphQL names are not valid. */
    private final Metadata servable;
    private final Catalog catalog;
    private final SchemaBuilder builder;
    private final Map<QualifiedTable, TableModel> adminTables;
    private final List<InconsistentObject> inconsistencies;
    private final Map<String, RoleSchema> roles = new ConcurrentHashMap<>();

    private final Map<String, Integer> rowLimits;

    public EngineSnapshot(long generation, Metadata metadata, Catalog catalog, SchemaBuilder builder) {
        this(generation, metadata, catalog, builder, Map.of());
    }

    public EngineSnapshot(long generation, Metadata metadata, Catalog catalog, SchemaBuilder builder,
                          Map<String, Integer> rowLimits) {
        this.rowLimits = Map.copyOf(rowLimits);
        this.generation = generation;
        this.metadata = metadata;
        this.servable = ServableMetadata.of(metadata, catalog).metadata();
        this.catalog = catalog;
        this.builder = builder;
        TableModelResolver resolver = new TableModelResolver(catalog, servable);
        this.adminTables = resolver.resolve(TableModelResolver.ADMIN);
        this.inconsistencies = resolver.inconsistencies();
    }

    public long generation() {
        return generation;
    }

    public Metadata metadata() {
        return metadata;
    }

    public Catalog catalog() {
        return catalog;
    }

    public List<InconsistentObject> inconsistencies() {
        return inconsistencies;
    }

    public RoleSchema role(String role) {
        return roles.computeIfAbsent(role, this::buildRole);
    }

    private RoleSchema buildRole(String role) {
        TableModelResolver resolver = new TableModelResolver(catalog, servable);
        Map<QualifiedTable, TableModel> tables = TableModelResolver.ADMIN.equals(role) ? adminTables : resolver.resolve(role);
        return new RoleSchema(builder.build(role, generation, tables, resolver.resolveFunctions(tables)),
                new RoleTables(tables, adminTables, rowLimits.get(role)));
    }
}
