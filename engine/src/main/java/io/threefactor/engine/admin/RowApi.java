package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threefactor.engine.catalog.QualifiedTable;
import io.threefactor.engine.execute.PgErrors;
import io.threefactor.engine.error.GraphqlError;
import io.threefactor.engine.ir.Operation;
import io.threefactor.engine.error.PlanningException;
import io.threefactor.engine.plan.RowApiPlanner;
import io.threefactor.engine.runtime.RoleSchema;
import io.threefactor.engine.session.Session;
import io.vertx.core.Future;

import java.util.Set;
import io.threefactor.engine.error.MetadataApiException;
import io.threefactor.engine.runtime.Snapshots;
import io.threefactor.engine.execute.GraphqlExecutor;
import io.threefactor.engine.config.Databases;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * The old row API of {@code /v1/query} and {@code /v2/query}: {@code select} (a JSON array of rows), {@code count}
 * ({@code {"count":n}}), {@code insert}, {@code update}, {@code delete} ({@code {"affected_rows":n,"returning":[…]}}).
 * Planned into the GraphQL IR for the session's role and run by the GraphQL executor; failures come back in the
 * metadata API's flat error shape.
 */
@Singleton
class RowApi {

    static final Set<String> CALLS = Set.of("select", "count", "insert", "update", "delete");

    private final Snapshots snapshots;
    private final GraphqlExecutor executor;
    private final Databases databases;
    private final ObjectMapper json;

    @Inject
    RowApi(Snapshots snapshots, GraphqlExecutor executor, Databases databases, ObjectMapper json) {
        this.snapshots = snapshots;
        this.executor = executor;
        this.databases = databases;
        this.json = json;
    }

    Future<JsonNode> run(String type, JsonNode args, Session session) {
        if (!args.isObject()) {
            return Future.failedFuture(MetadataApiException.parse("expected an object", "$.args"));
        }
        Operation operation;
        try {
            QualifiedTable table = Docs.table(args);
            RoleSchema role = snapshots.current().role(session.role());
            operation = new RowApiPlanner(role.model(), role.tables()).plan(type, table, args);
        } catch (PlanningException e) {
            return Future.failedFuture(failure(e));
        }
        return executor.run(databases, operation, session)
                .recover(e -> Future.failedFuture(failure(e)))
                .map(data -> answer(type, data));
    }

    private JsonNode answer(String type, String data) {
        JsonNode result;
        try {
            result = json.readTree(data).get(RowApiPlanner.ROOT);
        } catch (IOException e) {
            throw new IllegalStateException("the database answered invalid JSON", e);
        }
        return "count".equals(type)
                ? json.createObjectNode().set("count", result.path("aggregate").path("count"))
                : result;
    }

    /** Planning and database errors with their Hasura codes, at {@code $} unless they point into the arguments. */
    private static Throwable failure(Throwable e) {
        if (e instanceof MetadataApiException) {
            return e;
        }
        GraphqlError error = e instanceof PlanningException p ? p.error() : PgErrors.toGraphqlError(e);
        String path = error.path() != null && error.path().startsWith("$.args") ? error.path() : "$";
        return new MetadataApiException(error.code(), error.message(), path);
    }
}
