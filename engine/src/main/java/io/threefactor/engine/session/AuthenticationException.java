package io.threefactor.engine.session;

/** Credentials were missing or wrong; reported with Hasura's code ({@code access-denied}, {@code invalid-jwt}, …). */
public final class AuthenticationException extends RuntimeException {

    private final String code;

    public AuthenticationException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
