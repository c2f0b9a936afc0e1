package io.threefactor.engine.metadata;

import io.threefactor.engine.catalog.QualifiedTable;

import java.util.List;
import java.util.Map;

/** An object or array relationship as tracked in metadata, before it is resolved against the catalog. */
public record Relationship(String name, Kind kind, Using using, String comment) {

    public enum Kind { OBJECT, ARRAY }

    /** How the relationship joins: through a foreign key, or a manual column mapping. */
    public sealed interface Using permits ForeignKeyOn, Manual { }

    /**
     * {@code foreign_key_constraint_on}. With {@code remoteTable} null the key is on the owning table
     * (object relationships); otherwise it is on {@code remoteTable}, pointing back at the owning table.
     */
    public record ForeignKeyOn(List<String> columns, QualifiedTable remoteTable) implements Using {
        public ForeignKeyOn {
            columns = List.copyOf(columns);
        }
    }

    /** {@code manual_configuration}: owning-table column → remote-table column, in declaration order. */
    public record Manual(QualifiedTable remoteTable, Map<String, String> columnMapping) implements Using { }
}
