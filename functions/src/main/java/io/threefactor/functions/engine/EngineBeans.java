package io.threefactor.functions.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.threefactor.functions.asset.AssetStore;
import io.threefactor.functions.publish.ProgramStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Connects the stores to the engine, and publications to their endpoint (the engine unless
 * {@code threefactor.publications.url} is set). One client per endpoint, closed on shutdown.
 */
@ApplicationScoped
public class EngineBeans {

    @Inject
    EngineConfig config;

    @Inject
    ObjectMapper json;

    private GraphQLEndpoint engine;
    private GraphQLEndpoint publications;

    @Produces
    @Singleton
    ProgramStore programStore() {
        return new GraphQLProgramStore(engine(), publications(), json);
    }

    @Produces
    @Singleton
    AssetStore assetStore() {
        return new GraphQLAssetStore(engine(), json);
    }

    private synchronized GraphQLEndpoint engine() {
        if (engine == null) {
            engine = new GraphQLEndpoint(config.engine().url(),
                    EngineCredentials.of(config.engine().token(), config.engine().adminSecret(),
                            config.engine().role()), json);
        }
        return engine;
    }

    private synchronized GraphQLEndpoint publications() {
        if (config.publications().url().isEmpty()) {
            return engine();
        }
        if (publications == null) {
            publications = new GraphQLEndpoint(config.publications().url().get(), EngineCredentials.of(
                    config.publications().token().or(() -> config.engine().token()),
                    config.publications().adminSecret().or(() -> config.engine().adminSecret()),
                    config.publications().role()), json);
        }
        return publications;
    }

    @PreDestroy
    synchronized void close() {
        if (engine != null) {
            engine.close();
        }
        if (publications != null) {
            publications.close();
        }
    }
}
