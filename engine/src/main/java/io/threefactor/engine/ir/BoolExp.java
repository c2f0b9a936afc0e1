package io.threefactor.engine.ir;

import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.schema.JoinColumn;

import java.util.List;

/** A row filter: from a {@code where} argument, a permission, or both ANDed together. */
public sealed interface BoolExp {

    BoolExp TRUE = new Const(true);

    record Const(boolean value) implements BoolExp { }

    record And(List<BoolExp> operands) implements BoolExp {
        public And { operands = List.copyOf(operands); }
    }

    record Or(List<BoolExp> operands) implements BoolExp {
        public Or { operands = List.copyOf(operands); }
    }

    record Not(BoolExp operand) implements BoolExp { }

    /** {@code column <op> value}; {@code castTo} casts the column first (jsonb {@code _cast}). */
    record Compare(String column, String castTo, CompareOp op, SqlValue value) implements BoolExp { }

    /** A comparison of a scalar computed field: {@code f(row) <op> value}. */
    record ComputedCompare(FunctionCall call, CompareOp op, SqlValue value) implements BoolExp { }

    /** {@code _is_null}: the value is a boolean parameter, so {@code $1} may come from a variable. */
    record IsNull(String column, SqlValue isNull) implements BoolExp { }

    /**
     * PostGIS {@code _st_d_within}: {@code ST_DWithin(column, from, distance[, use_spheroid])}, or with
     * {@code threeD} {@code _st_3d_d_within}'s {@code ST_3DDWithin}; {@code castTo} casts the column first (null: none).
     */
    record DWithin(String column, String castTo, boolean threeD, SqlValue from, SqlValue distance, SqlValue useSpheroid)
            implements BoolExp { }

    /** A filter through a relationship: some related row of {@code target} matches {@code where}. */
    record Related(QualifiedTable target, List<JoinColumn> join, BoolExp where) implements BoolExp {
        public Related { join = List.copyOf(join); }
    }

    /** A filter through a computed field returning rows: some row of {@code call} matches {@code where}. */
    record ComputedRows(FunctionCall call, BoolExp where) implements BoolExp { }

    /**
     * A permission's column comparison ({@code _ceq}, {@code _cgt}, …): {@code column <op> other}, where {@code other}
     * is a column of the same row, or with {@code otherAtRoot} of the row the permission is about ({@code ["$", c]}).
     */
    record ColumnCompare(String column, CompareOp op, String other, boolean otherAtRoot) implements BoolExp { }

    /** The scope of a permission whose column comparisons reference its own table's row ({@code ["$", c]}). */
    record Root(BoolExp where) implements BoolExp { }

    /** {@code _exists}: some row of an unrelated table matches {@code where}. */
    record Exists(QualifiedTable table, BoolExp where) implements BoolExp { }

    static BoolExp and(BoolExp a, BoolExp b) {
        if (a instanceof Const c && c.value()) return b;
        if (b instanceof Const c && c.value()) return a;
        return new And(List.of(a, b));
    }
}
