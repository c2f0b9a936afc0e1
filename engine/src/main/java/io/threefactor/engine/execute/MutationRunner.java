package io.threefactor.engine.execute;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threefactor.engine.error.GraphqlError;
import io.threefactor.engine.error.PlanningException;
import io.threefactor.engine.runtime.GuardedStatements;
import io.threefactor.engine.sql.CompiledSql;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a mutation's root fields in order in one transaction. The session variables and the trace context are
 * set first, as Hasura does ({@code hasura.user}, {@code hasura.tracecontext}), so event triggers capture who
 * made the change and under which trace; a failed permission check or any error rolls everything back.
 */
final class MutationRunner {

    private final ObjectMapper json;
    private final ParamBinder binder;
    private final GuardedStatements statements;

    MutationRunner(ObjectMapper json, ParamBinder binder, GuardedStatements statements) {
        this.json = json;
        this.binder = binder;
        this.statements = statements;
    }

    Future<String> run(Pool pool, GraphqlExecutor.Prepared prepared, GuardedStatements.Guard guard) {
        // The request's trace travels into the event payload as Hasura's trace_context.
        String trace = TraceContext.current();
        // statement_timeout too, for a cancel that arrives between two statements (Postgres ignores it there)
        String timeout = guard.limit().isZero() ? null : guard.limit().toMillis() + "ms";
        return statements.withTransaction(pool, guard, conn -> {
            // Pipelined: the statement below is sent without waiting for this one.
            Future<?> session = conn.preparedQuery("SELECT set_config('hasura.user', $1, true), "
                            + "set_config('hasura.tracecontext', $2, true), set_config('statement_timeout', coalesce($3, current_setting('statement_timeout')), true)")
                    .execute(Tuple.of(sessionJson(prepared), trace == null ? "" : trace, timeout));
            List<String> parts = new ArrayList<>();
            Future<Void> chain = Future.succeededFuture();
            for (Plan.MutationStep step : prepared.plan().steps()) {
                chain = chain.compose(v -> step(conn, step, prepared)).map(answer -> {
                    parts.add(jsonKey(step.alias()) + ":" + answer);
                    return null;
                });
            }
            Future<Void> steps = chain;
            return session.compose(s -> steps).map(v -> "{" + String.join(",", parts) + "}");
        });
    }

    private Future<String> step(SqlConnection conn, Plan.MutationStep step, GraphqlExecutor.Prepared prepared) {
        if (step.constantJson() != null) {
            return Future.succeededFuture(step.constantJson());
        }
        List<String> answers = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (CompiledSql sql : step.statements()) {
            chain = chain.compose(v -> conn.preparedQuery(sql.sql())
                    .execute(binder.bind(sql.params(), prepared.variables(), prepared.session()))
                    .recover(failure -> Future.failedFuture(located(failure, step.errorPath())))
                    .map(rows -> {
                        Row row = rows.iterator().next();
                        if (!Boolean.TRUE.equals(row.getBoolean(1))) {
                            throw new PlanningException("permission-error",
                                    "check constraint of an insert/update permission has failed", "$.selectionSet." + step.alias());
                        }
                        answers.add(row.getString(0));
                        return null;
                    }));
        }
        return chain.map(v -> step.list() ? "[" + String.join(",", answers) + "]" : answers.get(0));
    }

    /** A database error Hasura names (constraint, data) reported at the step's path; others stay as they are. */
    private static Throwable located(Throwable failure, String path) {
        if (failure instanceof PgException && !"$".equals(path)) {
            GraphqlError error = PgErrors.toGraphqlError(failure);
            if (!"unexpected".equals(error.code())) {
                return new PlanningException(error.code(), error.message(), path);
            }
        }
        return failure;
    }

    private String sessionJson(GraphqlExecutor.Prepared prepared) {
        ObjectNode node = json.createObjectNode();
        prepared.session().variables().forEach(node::put);
        return node.toString();
    }

    private static String jsonKey(String alias) {
        return "\"" + alias + "\"";
    }
}
