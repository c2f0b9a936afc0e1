package io.threefactor.engine.execute;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.threefactor.engine.config.EngineConfig;
import io.threefactor.engine.parse.DocumentPreparer;
import io.threefactor.engine.plan.MutationPlanner;
import io.threefactor.engine.plan.QueryPlanner;
import io.threefactor.engine.sql.SqlCompiler;
import io.threefactor.engine.runtime.DocumentWorkers;
import io.threefactor.engine.runtime.GuardedStatements;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Assembles the one {@link GraphqlExecutor}: parse → plan → SQL with the configured limits and plan cache. */
@Singleton
public class GraphqlExecutorProducer {

    @Produces
    @Singleton
    GraphqlExecutor executor(ObjectMapper json, EngineConfig config, DocumentWorkers workers, Vertx vertx) {
        return new GraphqlExecutor(json, new DocumentPreparer(json, config.maxQueryTokens(), config.maxQueryDepth(),
                config.maxQueryNodes()),
                new QueryPlanner(new MutationPlanner()), new SqlCompiler(),
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
