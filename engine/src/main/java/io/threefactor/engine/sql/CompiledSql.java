package io.threefactor.engine.sql;

import java.util.List;

/** One SQL statement that returns the operation's {@code data} object as JSON text in one row and column. */
public record CompiledSql(String sql, List<BoundParam> params) {

    public CompiledSql {
        params = List.copyOf(params);
    }
}
