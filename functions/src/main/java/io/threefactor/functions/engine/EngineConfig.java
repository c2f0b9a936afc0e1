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

        /** Sent as {@code x-hasura-admin-secret} when there is no {@link #token()}. */
        Optional<String> adminSecret();

        /** A service token ({@code Authorization: Bearer}, role {@code functions}); preferred over the admin secret. */
        Optional<String> token();

        /** With the admin secret: {@code x-hasura-role}, the role whose permissions the calls get. */
        Optional<String> role();
    }

    interface Publications {
        Optional<String> url();

        Optional<String> adminSecret();

        Optional<String> token();

        /** Unset: none (another instance need not know the functions' role). */
        Optional<String> role();
    }
}
