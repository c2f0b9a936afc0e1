package io.threefactor.engine.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threefactor.engine.config.DatabaseProducer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * {@code run_sql}: with the metadata check (see {@link RunSqlMetadataCheck}) the SQL runs against the working
 * document; what it dropped is removed from the document as a change of this request, saved at its end.
 */
@Singleton
class RunSqlCall {

    private final DatabaseProducer database;
    private final MetadataTransaction transaction;
    private final Vertx vertx;
    private final ObjectMapper json;

    @Inject
    RunSqlCall(DatabaseProducer database, MetadataTransaction transaction, Vertx vertx, ObjectMapper json) {
        this.database = database;
        this.transaction = transaction;
        this.vertx = vertx;
        this.json = json;
    }

    Future<JsonNode> run(JsonNode args, AdminRequest request) {
        String sql = RunSql.sqlArg(args);
        boolean readOnly = args.path("read_only").asBoolean(false);
        RunSql runner = new RunSql(database.connectOptions("threefactor-run-sql"));
        if (!RunSqlMetadataCheck.wanted(args, sql)) {
            return vertx.<JsonNode>executeBlocking(() -> runner.run(sql, readOnly, RunSql.Watch.NONE), false)
                    .compose(result -> {
                        if (readOnly) {
                            return Future.succeededFuture(result);
                        }
                        request.catalogChanged = true;
                        // later calls of the same bulk see the new tables; the engine reloads at the end
                        return request.doc != null
                                ? transaction.refreshDatabaseState(request).map(result)
                                : Future.succeededFuture(result);
                    });
        }
        return transaction.ensureLoaded(request).compose(v -> {
            RunSqlMetadataCheck check = new RunSqlMetadataCheck(json, request.doc,
                    Inconsistencies.check(request.doc, request.catalog, request.functions),
                    args.path("cascade").asBoolean(false));
            return vertx.<JsonNode>executeBlocking(() -> runner.run(sql, false, check), false).map(result -> {
                RunSqlMetadataCheck.Outcome outcome = check.outcome();
                request.catalog = outcome.catalog();
                request.functions = outcome.functions();
                request.catalogChanged = true;
                if (outcome.update() != null) {
                    transaction.applyAndRecord(outcome.update(), json.createObjectNode(), request, false);
                }
                return result;
            });
        });
    }
}
