package io.threefactor.functions.engine;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * {@code threefactor.engine.*}: the engine's GraphQL endpoint and the service credentials the
 * functions use. {@code threefactor.publications.*} optionally points publications at another
 * instance; it defaults to the engine.
 */
@ConfigMapping(prefix = "threefactor")
public interface EngineConfig {

    Endpoint engine();

    Publications publications();

    interface Endpoint {
        @WithDefault("http://localhost:8080/v1/graphql")
        String url();

        /** Sent as {@code x-hasura-admin-secret}. */
        Optional<String> adminSecret();
    }

    interface Publications {
        Optional<String> url();

        Optional<String> adminSecret();
    }
}
