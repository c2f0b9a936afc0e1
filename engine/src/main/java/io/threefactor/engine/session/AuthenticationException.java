package io.threefactor.engine.session;

/** Credentials were missing or wrong; reported with Hasura's code ({@code access-denied}, {@code invalid-jwt}, …). */
public final class AuthenticationException extends RuntimeException {

    private final String code;

    private final int httpStatus;

    public AuthenticationException(String code, String message) {
        this(code, message, 400);
    }

    private AuthenticationException(String code, String message, int httpStatus) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** No or a wrong admin secret, or a hook that refused: Hasura's {@code throw401}. */
    public static AuthenticationException unauthorized(String message) {
        return new AuthenticationException("access-denied", message, 401);
    }

    /** The status an endpoint that keeps error statuses ({@code /v1alpha1/graphql}, the metadata API) answers with. */
    public int httpStatus() {
        return httpStatus;
    }

    public String code() {
        return code;
    }
}
