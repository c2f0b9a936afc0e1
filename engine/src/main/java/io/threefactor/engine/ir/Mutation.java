package io.threefactor.engine.ir;

import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.schema.JoinColumn;

import java.util.List;
import java.util.Map;

/** The changes a mutation root field makes, permissions applied. */
public sealed interface Mutation {

    QualifiedTable table();

    /**
     * Rows to insert, each possibly with parents (object relationships, inserted first) and children (array
     * relationships, inserted after) whose join columns are filled from the rows they hang on.
     *
     * @param check       the role's insert permission check, verified on every inserted row of this table
     * @param backendOnly the permission is {@code backend_only}: only trusted backends (admin secret) may use it
     */
    record Insert(QualifiedTable table, List<InsertRow> rows, OnConflict onConflict, BoolExp check,
                  boolean backendOnly) implements Mutation {
        public Insert { rows = List.copyOf(rows); }

        /** Whether this insert or a nested one uses a backend_only permission. */
        public boolean backendOnlyAnywhere() {
            return backendOnly || rows.stream().anyMatch(r -> r.parents().stream().anyMatch(n -> n.insert().backendOnlyAnywhere())
                    || r.children().stream().anyMatch(n -> n.insert().backendOnlyAnywhere()));
        }
    }

    /** One row: explicit values (input and presets), parents it points at, children pointing at it. */
    record InsertRow(Map<String, SqlValue> values, List<Nested> parents, List<Nested> children) {
        public InsertRow {
            values = Map.copyOf(values);
            parents = List.copyOf(parents);
            children = List.copyOf(children);
        }
    }

    /** A nested insert through a relationship: {@code join} maps this side's columns to the nested side's. */
    record Nested(List<JoinColumn> join, Insert insert) {
        public Nested { join = List.copyOf(join); }
    }

    /**
     * {@code ON CONFLICT ON CONSTRAINT … DO UPDATE SET …} ({@code DO NOTHING} without update columns).
     *
     * @param where only conflicting rows matching it are updated (also ANDs the role's update filter)
     */
    record OnConflict(String constraint, List<String> updateColumns, BoolExp where) {
        public OnConflict { updateColumns = List.copyOf(updateColumns); }
    }

    /** An UPDATE of the rows matching {@code filter} (where AND the role's update filter). */
    record Update(QualifiedTable table, BoolExp filter, List<SetOperation> operations, BoolExp check)
            implements Mutation {
        public Update { operations = List.copyOf(operations); }
    }

    /** A DELETE of the rows matching {@code filter} (where AND the role's delete filter). */
    record Delete(QualifiedTable table, BoolExp filter) implements Mutation { }

    /**
     * One column assignment of an UPDATE, by Hasura's operator ({@code MUL} and {@code DEFAULT} come from the v1 row
     * API's {@code $mul} and {@code $default}; {@code DEFAULT} has no value).
     */
    record SetOperation(String column, Kind kind, SqlValue value) {
        public enum Kind { SET, INC, MUL, DEFAULT, APPEND, PREPEND, DELETE_KEY, DELETE_ELEM, DELETE_AT_PATH }
    }
}
