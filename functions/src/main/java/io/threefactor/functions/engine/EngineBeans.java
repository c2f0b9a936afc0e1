package io.threefactor.functions.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.threefactor.functions.asset.AssetStore;
import io.threefactor.functions.publish.ProgramStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Connects the stores to the engine (and the publications endpoint, which defaults to the engine). */
@ApplicationScoped
public class EngineBeans {

    @Produces
    @Singleton
    ProgramStore programStore(EngineConfig config, ObjectMapper json) {
        GraphQLEndpoint engine = engine(config, json);
        GraphQLEndpoint publications = config.publications().url().isEmpty() ? engine
                : new GraphQLEndpoint(config.publications().url().get(),
                        config.publications().adminSecret().or(() -> config.engine().adminSecret()).orElse(null), json);
        return new GraphQLProgramStore(engine, publications, json);
    }

    @Produces
    @Singleton
    AssetStore assetStore(EngineConfig config, ObjectMapper json) {
        return new GraphQLAssetStore(engine(config, json), json);
    }

    private static GraphQLEndpoint engine(EngineConfig config, ObjectMapper json) {
        return new GraphQLEndpoint(config.engine().url(), config.engine().adminSecret().orElse(null), json);
    }
}
