package io.threefactor.engine.schema;

import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.metadata.Relationship;

import java.util.List;

/** A relationship resolved against the catalog: the target table and the join columns. */
public record RelationshipModel(String name, Relationship.Kind kind, QualifiedTable target, List<JoinColumn> join,
                                String comment) {

    public RelationshipModel {
        join = List.copyOf(join);
    }

    public boolean isArray() {
        return kind == Relationship.Kind.ARRAY;
    }
}
