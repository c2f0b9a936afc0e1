package io.threefactor.engine.execute;

import io.threefactor.engine.ir.Operation;
import io.threefactor.engine.sql.CompiledSql;

/** A cached, ready-to-bind operation: its SQL, or its constant answer when no SQL is needed. */
public record Plan(Operation operation, CompiledSql sql, String constantData) {

    public boolean constant() {
        return constantData != null;
    }
}
