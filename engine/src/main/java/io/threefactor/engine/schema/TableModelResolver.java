package io.threefactor.engine.schema;

import io.threefactor.engine.catalog.Catalog;
import io.threefactor.engine.catalog.ColumnInfo;
import io.threefactor.engine.catalog.ForeignKey;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.catalog.TableInfo;
import io.threefactor.engine.metadata.ColumnSet;
import io.threefactor.engine.metadata.InheritedMutationPermissions;
import io.threefactor.engine.metadata.Metadata;
import io.threefactor.engine.metadata.Permissions;
import io.threefactor.engine.metadata.Relationship;
import io.threefactor.engine.metadata.TableMetadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.catalog.EnumValue;
import io.threefactor.engine.catalog.FunctionInfo;
import io.threefactor.engine.metadata.ComputedField;
import io.threefactor.engine.metadata.TrackedFunction;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Resolves tracked tables against the catalog for one role: which columns and relationships it sees.
 * Objects that do not match the database are collected as inconsistencies and left out, so a stale
 * permission never takes the engine down.
 */
public final class TableModelResolver {

    public static final String ADMIN = "admin";

    private final Catalog catalog;
    private final Metadata metadata;
    private final List<InconsistentObject> inconsistencies = new ArrayList<>();
    private final InheritedMutationPermissions mutations;

    public TableModelResolver(Catalog catalog, Metadata metadata) {
        this.catalog = catalog;
        this.metadata = metadata;
        this.mutations = new InheritedMutationPermissions(metadata);
    }

    public List<InconsistentObject> inconsistencies() {
        return List.copyOf(inconsistencies);
    }

    public Map<QualifiedTable, TableModel> resolve(String role) {
        boolean admin = ADMIN.equals(role);
        Map<QualifiedTable, TableMetadata> tracked = new LinkedHashMap<>();
        for (TableMetadata t : metadata.tables()) {
            if (catalog.table(t.table()).isPresent()) {
                tracked.put(t.table(), t);
            } else if (admin) {
                inconsistencies.add(new InconsistentObject("table", t.table().toString(),
                        "no such table/view exists in source: \"" + t.table().name() + "\"", t.table()));
            }
        }
        Map<QualifiedTable, TableModel> out = new LinkedHashMap<>();
        for (TableMetadata t : tracked.values()) {
            InheritedSelect inherited = admin ? null : inheritedSelect(t, role);
            Permissions.Select select = admin ? null
                    : inherited != null ? inherited.select() : t.selectPermissions().get(role);
            Permissions.Insert insert = admin ? null
                    : mutations.<Permissions.Insert>resolve(t, role, InheritedMutationPermissions.Kind.INSERT).orElse(null);
            Permissions.Update update = admin ? null
                    : mutations.<Permissions.Update>resolve(t, role, InheritedMutationPermissions.Kind.UPDATE).orElse(null);
            Permissions.Delete delete = admin ? null
                    : mutations.<Permissions.Delete>resolve(t, role, InheritedMutationPermissions.Kind.DELETE).orElse(null);
            if (!admin && select == null && insert == null && update == null && delete == null) {
                continue;
            }
            TableInfo info = catalog.table(t.table()).orElseThrow();
            Map<String, String> fieldByColumn = new LinkedHashMap<>();
            Map<String, ColumnInfo> columns = new LinkedHashMap<>();
            for (ColumnInfo c : info.columns()) {
                String field = t.configuration().customColumnNames().getOrDefault(c.name(), c.name());
                fieldByColumn.put(c.name(), field);
                if (admin || (select != null && select.columns().contains(c.name()))) {
                    columns.put(field, c);
                }
            }
            Map<String, RelationshipModel> relationships = new LinkedHashMap<>();
            for (Relationship r : t.relationships()) {
                resolveRelationship(info, r).ifPresent(rel -> {
                    boolean targetVisible = tracked.containsKey(rel.target())
                            && (admin || visibleTo(tracked.get(rel.target()), role));
                    if (targetVisible) {
                        relationships.put(r.name(), rel);
                    } else if (admin && !tracked.containsKey(rel.target())) {
                        inconsistencies.add(new InconsistentObject(r.kind() == Relationship.Kind.OBJECT
                                ? "object_relation" : "array_relation", t.table() + "." + r.name(),
                                "table \"" + rel.target().name() + "\" is not tracked", r));
                    }
                });
            }
            String typeName = t.configuration().customName() != null
                    ? t.configuration().customName() : t.table().defaultGraphqlName();
            List<EnumValue> enumValues = t.isEnum()
                    ? catalog.enumValues().getOrDefault(t.table(), List.of()) : null;
            out.put(t.table(), new TableModel(info, t, typeName, columns, fieldByColumn, relationships, select,
                    insert, update, delete, enumValues, enumColumns(info, tracked),
                    inherited == null ? Map.of() : inherited.columnConditions(),
                    computedFields(t, info, select, role, tracked), admin));
        }
        return out;
    }

    /**
     * The table's computed fields the role may select (all for admin), resolved against the catalog: a scalar one
     * when its select permission lists it, one returning rows of a table when it may select that table (Hasura).
     */
    private Map<String, ComputedFieldRef> computedFields(TableMetadata t, TableInfo info, Permissions.Select select,
                                                          String role, Map<QualifiedTable, TableMetadata> tracked) {
        boolean admin = ADMIN.equals(role);
        Map<String, ComputedFieldRef> out = new LinkedHashMap<>();
        for (ComputedField cf : t.computedFields()) {
            if (!admin && select == null) {
                continue;
            }
            Optional<FunctionInfo> fn = catalog.function(cf.function());
            if (fn.isEmpty() || fn.get().arguments().isEmpty()) {
                if (admin) {
                    inconsistencies.add(new InconsistentObject("computed_field", t.table() + "." + cf.name(),
                            "function " + cf.function() + " does not exist or takes no row argument", cf));
                }
                continue;
            }
            String tableArgument = cf.tableArgument() != null ? cf.tableArgument() : fn.get().arguments().get(0).name();
            List<FunctionInfo.Argument> userArgs = fn.get().arguments().stream()
                    .filter(a -> !a.name().equals(tableArgument) && !a.name().equals(cf.sessionArgument())).toList();
            boolean rows = fn.get().returnsSet() && fn.get().returnsTable() && tracked.containsKey(fn.get().returnType());
            if (fn.get().returnsSet() && !rows) {
                continue;
            }
            boolean permitted = admin || (rows ? canSelect(tracked.get(fn.get().returnType()), role)
                    : select.computedFields().contains(cf.name()));
            if (!permitted) {
                continue;
            }
            out.put(cf.name(), new ComputedFieldRef(cf.name(), fn.get(), tableArgument, cf.sessionArgument(), userArgs,
                    rows ? fn.get().returnType() : null, rows ? null : fn.get().returnBaseType(), cf.comment()));
        }
        return out;
    }

    /** Tracked functions returning rows of a table the role may select: they become root fields. */
    public List<FunctionModel> resolveFunctions(Map<QualifiedTable, TableModel> roleTables) {
        List<FunctionModel> out = new ArrayList<>();
        for (TrackedFunction tf : metadata.functions()) {
            Optional<FunctionInfo> fn = catalog.function(tf.function());
            if (fn.isEmpty() || !fn.get().returnsSet() || !fn.get().returnsTable()) {
                inconsistencies.add(new InconsistentObject("function", tf.function().toString(),
                        "function does not exist or does not return SETOF a table", tf));
                continue;
            }
            TableModel returns = roleTables.get(fn.get().returnType());
            if (returns == null || !returns.canSelect()) {
                continue;
            }
            List<FunctionInfo.Argument> userArgs = fn.get().arguments().stream()
                    .filter(a -> !a.name().equals(tf.sessionArgument())).toList();
            String base = tf.customName() != null ? tf.customName() : tf.function().defaultGraphqlName();
            String name = tf.customRootFields().getOrDefault(RootFieldKind.FUNCTION.configKey, base);
            String aggregate = tf.customRootFields().getOrDefault(RootFieldKind.FUNCTION_AGGREGATE.configKey,
                    RootFieldKind.FUNCTION_AGGREGATE.defaultName(base));
            out.add(new FunctionModel(name, fn.get(), null, tf.sessionArgument(), userArgs, returns, null,
                    fn.get().comment(), aggregate, tf.isMutation(fn.get().volatility())));
        }
        return out;
    }

    /** Columns that reference an enum table's values take that enum's type, as in Hasura. */
    private Map<String, EnumTypeRef> enumColumns(TableInfo info, Map<QualifiedTable, TableMetadata> tracked) {
        Map<String, EnumTypeRef> out = new LinkedHashMap<>();
        for (ForeignKey fk : info.foreignKeys()) {
            TableMetadata target = tracked.get(fk.refTable());
            if (fk.columns().size() == 1 && target != null && target.isEnum()
                    && catalog.enumValues().containsKey(fk.refTable())) {
                String typeName = target.configuration().customName() != null
                        ? target.configuration().customName() : target.table().defaultGraphqlName();
                out.put(fk.columns().get(0), new EnumTypeRef(typeName + "_enum", catalog.enumValues().get(fk.refTable())));
            }
        }
        return out;
    }

    /**
     * Hasura's inherited roles: the union of the member roles' select permissions. A row is visible if any
     * member's filter allows it; a column granted by only some members shows its value only on rows those
     * members' filters allow, and null elsewhere. Explicit permissions of the inherited role itself win.
     */
    private InheritedSelect inheritedSelect(TableMetadata t, String role) {
        if (t.selectPermissions().containsKey(role) || !metadata.inheritedRoles().containsKey(role)) {
            return null;
        }
        Map<String, Permissions.Select> members = new LinkedHashMap<>();
        for (String member : memberRoles(role, new HashSet<>())) {
            Permissions.Select p = t.selectPermissions().get(member);
            if (p != null) {
                members.put(member, p);
            }
        }
        if (members.isEmpty()) {
            return new InheritedSelect(null, Map.of());
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        boolean unfiltered = members.values().stream().anyMatch(p -> p.filter().isEmpty());
        ObjectNode filter = f.objectNode();
        if (!unfiltered) {
            ArrayNode or = filter.putArray("_or");
            members.values().forEach(p -> or.add(p.filter()));
        }
        Set<String> columns = new LinkedHashSet<>();
        Map<String, JsonNode> conditions = new LinkedHashMap<>();
        TableInfo info = catalog.table(t.table()).orElseThrow();
        for (ColumnInfo c : info.columns()) {
            List<Permissions.Select> granting = members.values().stream().filter(p -> p.columns().contains(c.name())).toList();
            if (granting.isEmpty()) {
                continue;
            }
            columns.add(c.name());
            boolean grantedOnEveryVisibleRow = granting.size() == members.size()
                    || granting.stream().anyMatch(p -> p.filter().isEmpty());
            if (!grantedOnEveryVisibleRow) {
                ObjectNode condition = f.objectNode();
                ArrayNode or = condition.putArray("_or");
                granting.forEach(p -> or.add(p.filter()));
                conditions.put(c.name(), condition);
            }
        }
        Integer limit = members.values().stream().anyMatch(p -> p.limit() == null) ? null
                : members.values().stream().map(Permissions.Select::limit).max(Integer::compare).orElse(null);
        boolean aggregations = members.values().stream().anyMatch(Permissions.Select::allowAggregations);
        return new InheritedSelect(new Permissions.Select(new ColumnSet(false, List.copyOf(columns)), filter, limit,
                aggregations, List.of(), null, null), conditions);
    }

    private Set<String> memberRoles(String role, Set<String> visiting) {
        Set<String> out = new LinkedHashSet<>();
        if (!visiting.add(role)) {
            return out;
        }
        for (String member : metadata.inheritedRoles().getOrDefault(role, Set.of())) {
            if (metadata.inheritedRoles().containsKey(member)) {
                out.addAll(memberRoles(member, visiting));
            } else {
                out.add(member);
            }
        }
        return out;
    }

    private record InheritedSelect(Permissions.Select select, Map<String, JsonNode> columnConditions) { }

    /** Whether a role (or, for an inherited role, one of its members) has some permission on the table. */
    private boolean visibleTo(TableMetadata t, String role) {
        if (hasAnyPermission(t, role)) {
            return true;
        }
        return metadata.inheritedRoles().containsKey(role)
                && memberRoles(role, new HashSet<>()).stream().anyMatch(m -> t.selectPermissions().containsKey(m));
    }

    /** Whether a role (or, for an inherited role, one of its members) may select from the table. */
    private boolean canSelect(TableMetadata t, String role) {
        return t.selectPermissions().containsKey(role) || (metadata.inheritedRoles().containsKey(role)
                && memberRoles(role, new HashSet<>()).stream().anyMatch(m -> t.selectPermissions().containsKey(m)));
    }

    private static boolean hasAnyPermission(TableMetadata t, String role) {
        return t.selectPermissions().containsKey(role) || t.insertPermissions().containsKey(role)
                || t.updatePermissions().containsKey(role) || t.deletePermissions().containsKey(role);
    }

    private Optional<RelationshipModel> resolveRelationship(TableInfo owner, Relationship r) {
        List<JoinColumn> join = new ArrayList<>();
        QualifiedTable target;
        if (r.using() instanceof Relationship.Manual m) {
            target = m.remoteTable();
            m.columnMapping().forEach((from, to) -> join.add(new JoinColumn(from, to)));
        } else {
            Relationship.ForeignKeyOn fk = (Relationship.ForeignKeyOn) r.using();
            if (fk.remoteTable() == null) {
                Optional<ForeignKey> key = owner.foreignKeyOn(fk.columns());
                if (key.isEmpty()) {
                    return inconsistent(owner, r, "no foreign constraint exists on the given column(s)");
                }
                target = key.get().refTable();
                for (int i = 0; i < key.get().columns().size(); i++) {
                    join.add(new JoinColumn(key.get().columns().get(i), key.get().refColumns().get(i)));
                }
            } else {
                target = fk.remoteTable();
                Optional<ForeignKey> key = catalog.table(target).flatMap(t -> t.foreignKeyOn(fk.columns()))
                        .filter(k -> k.refTable().equals(owner.name()));
                if (key.isEmpty()) {
                    return inconsistent(owner, r, "no foreign constraint exists on the given column(s) of "
                            + target);
                }
                for (int i = 0; i < key.get().columns().size(); i++) {
                    join.add(new JoinColumn(key.get().refColumns().get(i), key.get().columns().get(i)));
                }
            }
        }
        Optional<TableInfo> targetInfo = catalog.table(target);
        if (targetInfo.isEmpty()) {
            return inconsistent(owner, r, "table \"" + target.name() + "\" does not exist");
        }
        for (JoinColumn j : join) {
            if (owner.column(j.sourceColumn()).isEmpty() || targetInfo.get().column(j.targetColumn()).isEmpty()) {
                return inconsistent(owner, r, "column mapping refers to a column that does not exist");
            }
        }
        return Optional.of(new RelationshipModel(r.name(), r.kind(), target, join, r.comment()));
    }

    private Optional<RelationshipModel> inconsistent(TableInfo owner, Relationship r, String reason) {
        inconsistencies.add(new InconsistentObject(
                r.kind() == Relationship.Kind.OBJECT ? "object_relation" : "array_relation",
                owner.name() + "." + r.name(), reason, r));
        return Optional.empty();
    }
}
