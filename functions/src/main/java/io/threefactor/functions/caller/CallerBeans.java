package io.threefactor.functions.caller;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** The one {@link CallerVerifier} of the application, from {@code threefactor.caller.*}. */
@ApplicationScoped
public class CallerBeans {

    private static final Logger LOG = Logger.getLogger(CallerBeans.class);

    @Produces
    @Singleton
    CallerVerifier callerVerifier(CallerConfig config) {
        CallerVerifier verifier = CallerVerifier.of(config);
        if (!verifier.requiresSecret()) {
            if (config.allowAnonymous()) {
                LOG.info("threefactor.caller.allow-anonymous: the functions accept calls without a caller secret");
            } else {
                LOG.warn("no threefactor.caller.secret (FUNCTIONS_WEBHOOK_SECRET): every call will be refused");
            }
        }
        return verifier;
    }
}
