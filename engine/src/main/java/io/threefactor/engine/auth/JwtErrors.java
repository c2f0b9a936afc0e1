package io.threefactor.engine.auth;

import io.threefactor.engine.session.AuthenticationException;

/** Hasura's authentication errors: code and message as Hasura words them. */
final class JwtErrors {

    static final String INVALID_JWT = "invalid-jwt";
    static final String INVALID_CLAIMS = "jwt-invalid-claims";
    static final String MISSING_ROLE_CLAIMS = "jwt-missing-role-claims";
    static final String INVALID_HEADERS = "invalid-headers";
    static final String ACCESS_DENIED = "access-denied";

    private JwtErrors() { }

    /** {@code invalid-jwt}, "Could not verify JWT: " + the reason (JWTExpired, JWSError JWSInvalidSignature, …). */
    static AuthenticationException invalid(String reason) {
        return new AuthenticationException(INVALID_JWT, "Could not verify JWT: " + reason);
    }

    static AuthenticationException claims(String message) {
        return new AuthenticationException(INVALID_CLAIMS, message);
    }

    static AuthenticationException missingRoleClaim(String claim) {
        return new AuthenticationException(MISSING_ROLE_CLAIMS, "JWT claim does not contain " + claim);
    }

    static AuthenticationException headers(String message) {
        return new AuthenticationException(INVALID_HEADERS, message);
    }

    static AuthenticationException accessDenied(String message) {
        return new AuthenticationException(ACCESS_DENIED, message);
    }
}
