package io.threefactor.functions.caller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may call a function: the shared secret, or nobody when none is configured (unless explicitly open). */
class CallerVerifierTest {

    @Test
    void acceptsExactlyTheConfiguredSecret() {
        CallerVerifier verifier = new CallerVerifier("x-threefactor-caller-secret", Optional.of("s3cret"), false);
        assertTrue(verifier.check("s3cret").isEmpty());
        assertEquals("missing or wrong x-threefactor-caller-secret header", verifier.check("s3cre").get().message());
        assertTrue(verifier.check("s3cret ").isPresent());
        assertTrue(verifier.check("").isPresent());
        assertTrue(verifier.check(null).isPresent());
    }

    @Test
    void withoutASecretEveryCallIsRefusedUnlessAnonymousCallersAreAllowed() {
        CallerVerifier closed = new CallerVerifier("x-threefactor-caller-secret", Optional.empty(), false);
        assertTrue(closed.check(null).get().message().contains("FUNCTIONS_WEBHOOK_SECRET"));
        assertTrue(closed.check("anything").isPresent());
        // An empty variable (FUNCTIONS_WEBHOOK_SECRET=) is no secret either.
        assertTrue(new CallerVerifier("h", Optional.of(""), false).check("").isPresent());

        CallerVerifier open = new CallerVerifier("x-threefactor-caller-secret", Optional.empty(), true);
        assertTrue(open.check(null).isEmpty());
        // A configured secret is required even where anonymous callers would be allowed.
        assertTrue(new CallerVerifier("h", Optional.of("s"), true).check(null).isPresent());
    }
}
