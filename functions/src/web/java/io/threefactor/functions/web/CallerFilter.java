package io.threefactor.functions.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.threefactor.functions.caller.CallerVerifier;
import io.threefactor.functions.event.Answer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Refuses (401) any request without the caller secret, before any function (plain path or CloudEvent) runs. */
@ApplicationScoped
public class CallerFilter {

    /** Before the routes, after Quarkus's own early filters. */
    static final int PRIORITY = 100;

    @Inject
    CallerVerifier verifier;

    void install(@Observes Filters filters) {
        filters.register(ctx -> verifier.check(ctx.request().getHeader(verifier.header())).ifPresentOrElse(
                refusal -> HttpErrors.send(ctx, Answer.unauthorized(refusal.message())), ctx::next), PRIORITY);
    }
}
