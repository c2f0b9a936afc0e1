package io.threefactor.functions.caller;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * {@code threefactor.caller.*}: who may invoke the functions. The engine's event triggers send {@link #header()}
 * with the shared secret (the trigger's {@code headers}, {@code value_from_env}); a deployed function URL or route is
 * reachable by anyone, so without a secret every call is refused unless anonymous callers are explicitly allowed
 * (development and tests).
 */
@ConfigMapping(prefix = "threefactor.caller")
public interface CallerConfig {

    @WithDefault("x-threefactor-caller-secret")
    String header();

    Optional<String> secret();

    @WithDefault("false")
    boolean allowAnonymous();
}
