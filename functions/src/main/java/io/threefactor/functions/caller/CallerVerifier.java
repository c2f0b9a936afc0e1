package io.threefactor.functions.caller;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Checks the caller's secret header, transport-neutral (the HTTP filter and the Lambda adapter both ask it). The
 * comparison takes the same time whatever the value: both sides are hashed to a fixed length first, then compared
 * with {@link MessageDigest#isEqual}, so neither the content nor the length of the secret leaks through timing.
 */
public final class CallerVerifier {

    /** Why a call was refused; empty when it is accepted. */
    public record Refusal(String message) {
    }

    private final String header;
    private final byte[] expected;
    private final boolean allowAnonymous;

    public CallerVerifier(String header, Optional<String> secret, boolean allowAnonymous) {
        this.header = header;
        this.expected = secret.filter(s -> !s.isEmpty()).map(CallerVerifier::digest).orElse(null);
        this.allowAnonymous = allowAnonymous;
    }

    public static CallerVerifier of(CallerConfig config) {
        return new CallerVerifier(config.header(), config.secret(), config.allowAnonymous());
    }

    /** The header the engine sends the secret in (matched case-insensitively by the transports). */
    public String header() {
        return header;
    }

    public boolean requiresSecret() {
        return expected != null;
    }

    /** Accepts or refuses a call that carried {@code presented} (null when the header is absent). */
    public Optional<Refusal> check(String presented) {
        if (expected == null) {
            return allowAnonymous ? Optional.empty()
                    : Optional.of(new Refusal("no caller secret is configured (threefactor.caller.secret, env "
                            + "FUNCTIONS_WEBHOOK_SECRET): every call is refused"));
        }
        if (presented == null || !MessageDigest.isEqual(expected, digest(presented))) {
            return Optional.of(new Refusal("missing or wrong " + header + " header"));
        }
        return Optional.empty();
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
