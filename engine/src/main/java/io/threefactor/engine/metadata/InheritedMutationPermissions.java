package io.threefactor.engine.metadata;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Hasura's inheritance of insert, update and delete permissions: a role's own permission wins; an inherited role
 * without one takes its parents' (each resolved the same way, for nested inherited roles) when they agree — parents
 * without one do not count — and has none, inconsistently, when they differ.
 */
public final class InheritedMutationPermissions {

    public enum Kind {
        INSERT("insert", TableMetadata::insertPermissions),
        UPDATE("update", TableMetadata::updatePermissions),
        DELETE("delete", TableMetadata::deletePermissions);

        public final String name;
        private final Function<TableMetadata, Map<String, ?>> permissions;

        Kind(String name, Function<TableMetadata, Map<String, ?>> permissions) {
            this.name = name;
            this.permissions = permissions;
        }
    }

    /** An inherited role whose parents' permissions of one kind on a table differ. */
    public record Conflict(String role, TableMetadata table, Kind kind) { }

    private final Metadata metadata;

    public InheritedMutationPermissions(Metadata metadata) {
        this.metadata = metadata;
    }

    /** The role's permission of the kind on the table, own or inherited; empty when it has none or they conflict. */
    @SuppressWarnings("unchecked")
    public <P> Optional<P> resolve(TableMetadata table, String role, Kind kind) {
        Resolved r = resolve(table, role, kind, new HashSet<>());
        return r.conflict ? Optional.empty() : Optional.ofNullable((P) r.permission);
    }

    /** Every inherited role with a conflict, by table and kind. */
    public List<Conflict> conflicts() {
        List<Conflict> out = new ArrayList<>();
        for (String role : metadata.inheritedRoles().keySet()) {
            for (TableMetadata t : metadata.tables()) {
                for (Kind kind : Kind.values()) {
                    if (resolve(t, role, kind, new HashSet<>()).conflict) {
                        out.add(new Conflict(role, t, kind));
                    }
                }
            }
        }
        return out;
    }

    private record Resolved(Object permission, boolean conflict) {
        static final Resolved NONE = new Resolved(null, false);
    }

    private Resolved resolve(TableMetadata table, String role, Kind kind, Set<String> visiting) {
        Object own = kind.permissions.apply(table).get(role);
        Set<String> parents = metadata.inheritedRoles().get(role);
        if (own != null || parents == null || !visiting.add(role)) {
            return own == null ? Resolved.NONE : new Resolved(own, false);
        }
        Resolved combined = Resolved.NONE;
        for (String parent : parents) {
            Resolved p = resolve(table, parent, kind, visiting);
            if (p.conflict) {
                return p;
            }
            if (p.permission == null) {
                continue;
            }
            if (combined.permission != null && !combined.permission.equals(p.permission)) {
                return new Resolved(null, true);
            }
            combined = p;
        }
        return combined;
    }
}
