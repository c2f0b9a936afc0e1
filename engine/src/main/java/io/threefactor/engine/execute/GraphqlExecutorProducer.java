package io.threefactor.engine.execute;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.threefactor.engine.config.EngineConfig;
import io.threefactor.engine.parse.DocumentPreparer;
import io.threefactor.engine.plan.MutationPlanner;
import io.threefactor.engine.plan.QueryPlanner;
import io.threefactor.engine.runtime.DocumentWorkers;
import io.threefactor.engine.runtime.GuardedStatements;
import io.threefactor.engine.sql.OutputEncoding;
import io.threefactor.engine.sql.SqlCompiler;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Assembles the one {@link GraphqlExecutor}: parse → plan → SQL with the configured limits and plan cache. */
@Singleton
public class GraphqlExecutorProducer {

    /** The one query compiler, shared with the live queries so both answer in the same encoding. */
    @Produces
    @Singleton
    SqlCompiler compiler(EngineConfig config) {
        return new SqlCompiler(new OutputEncoding(config.stringifyNumericTypes()));
    }

    @Produces
    @Singleton
    GraphqlExecutor executor(ObjectMapper json, EngineConfig config, SqlCompiler compiler, DocumentWorkers workers,
            Vertx vertx) {
        return new GraphqlExecutor(json, new DocumentPreparer(json, config.maxQueryTokens(), config.maxQueryDepth(),
                config.maxQueryNodes()),
                new QueryPlanner(new MutationPlanner()), compiler,
                new PlanCache(config.planCacheSize(), config.planCacheSize()), workers, new GuardedStatements(vertx),
                config.statementTimeout());
    }

    @Produces
    @Singleton
    DocumentWorkers documentWorkers(Vertx vertx, EngineConfig config) {
        return new DocumentWorkers(vertx, Math.max(2, Runtime.getRuntime().availableProcessors()),
                config.maxDocumentsWaiting());
    }

    void close(@Disposes DocumentWorkers workers) {
        workers.close();
    }
}
