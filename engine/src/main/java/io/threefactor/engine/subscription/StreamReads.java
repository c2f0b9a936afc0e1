package io.threefactor.engine.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.threefactor.engine.execute.GraphqlExecutor;
import io.threefactor.engine.execute.ParamBinder;
import io.threefactor.engine.ir.RootNode;
import io.threefactor.engine.sql.CompiledSql;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reads of one stream round, on one connection: (1) the start of the oldest transaction running in the
 * database, (2) the next batch after the cursor, (3) the clock. {@link Stream} explains why in this order.
 */
final class StreamReads {

    private static final String HORIZON = "SELECT coalesce((extract(epoch FROM min(xact_start)) * 1000000)::bigint, "
            + "9223372036854775807) FROM pg_stat_activity WHERE datname = current_database() "
            + "AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND backend_type = 'client backend'";
    private static final String CLOCK = "SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint";

    /** What a round read: horizon and clock in microseconds since the epoch, the batch as JSON text. */
    record Round(long horizon, String batch, long clock) { }

    private final Pool pool;
    private final ParamBinder binder;
    private final AtomicLong rounds;

    /** {@code rounds} counts the rounds read. */
    StreamReads(Pool pool, ParamBinder binder, AtomicLong rounds) {
        this.pool = pool;
        this.binder = binder;
        this.rounds = rounds;
    }

    Future<Round> read(GraphqlExecutor.Prepared prepared, JsonNode cursor) {
        rounds.incrementAndGet();
        Map<String, JsonNode> variables = new HashMap<>(prepared.variables());
        variables.put(RootNode.SelectStream.CURSOR_VARIABLE, cursor);
        CompiledSql sql = prepared.plan().sql();
        Tuple tuple = binder.bind(sql.params(), variables, prepared.session());
        return pool.withConnection(conn -> conn.query(HORIZON).execute()
                .compose(h -> conn.preparedQuery(sql.sql()).execute(tuple)
                        .compose(rows -> clock(conn).map(t -> new Round(h.iterator().next().getLong(0),
                                rows.iterator().next().getString(0), t)))));
    }

    private static Future<Long> clock(SqlConnection conn) {
        return conn.query(CLOCK).execute().map(r -> r.iterator().next().getLong(0));
    }
}
