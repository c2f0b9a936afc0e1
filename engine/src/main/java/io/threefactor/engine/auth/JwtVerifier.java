package io.threefactor.engine.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threefactor.engine.session.AuthenticationException;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.InvalidJwtSignatureException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.Matcher;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jose4j.lang.InvalidAlgorithmException;
import org.jose4j.lang.InvalidKeyException;

/**
 * Verifies tokens for one {@link JwtConfig}: the signature (jose4j, with the configured key or the cached JWKS)
 * and the registered claims ({@code exp}, {@code nbf}, {@code iat}, {@code iss}, {@code aud}, within
 * {@code allowed_skew}). Failures carry Hasura's messages ({@code Could not verify JWT: JWTExpired}, …).
 */
public final class JwtVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every signature algorithm a JWKS key may be used with; never {@code none}. */
    private static final String[] JWKS_ALGORITHMS = {
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
            AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA384, AlgorithmIdentifiers.RSA_PSS_USING_SHA512,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
            AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512, AlgorithmIdentifiers.EDDSA,
            AlgorithmIdentifiers.HMAC_SHA256, AlgorithmIdentifiers.HMAC_SHA384, AlgorithmIdentifiers.HMAC_SHA512};

    /** A verified token: all its claims, and its expiry. */
    public record VerifiedToken(JsonNode claims, Optional<Instant> expiresAt) { }

    private final JwtConfig config;
    private final Optional<StaticKey> staticKey;
    private final Optional<JwksCache> jwks;
    private final JwtConsumer staticConsumer;
    private volatile JwksConsumer jwksConsumer;

    private record JwksConsumer(JwksCache.Snapshot snapshot, JwtConsumer consumer) { }

    public JwtVerifier(JwtConfig config, Optional<JwksCache> jwks) {
        this.config = config;
        this.staticKey = config.key().map(StaticKey::of);
        this.jwks = jwks;
        if (staticKey.isEmpty() && jwks.isEmpty()) {
            throw new IllegalArgumentException("a jwk_url configuration needs its JWKS cache");
        }
        this.staticConsumer = staticKey.map(k -> builder()
                .setVerificationKey(k.key())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        k.algorithms().toArray(String[]::new))
                .build()).orElse(null);
    }

    public JwtConfig config() {
        return config;
    }

    public Optional<JwksCache> jwks() {
        return jwks;
    }

    /**
     * Verifies the token. Completes at once, except when a JWKS does not know the token's {@code kid}: then the
     * keys are fetched again (once) and the token tried with the fresh keys.
     */
    public CompletionStage<VerifiedToken> verify(RawToken token) {
        try {
            return CompletableFuture.completedFuture(verifyNow(token));
        } catch (UnknownKid e) {
            return jwks.orElseThrow().refetchForUnknownKid().handle((s, failure) -> {
                try {
                    return verifyNow(token);
                } catch (UnknownKid again) {
                    throw JwtErrors.invalid("JWSError NoUsableKeys");
                }
            });
        } catch (AuthenticationException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Thrown inside: the JWKS has no key with the token's kid (yet). */
    private static final class UnknownKid extends RuntimeException {
        UnknownKid() {
            super(null, null, false, false);
        }
    }

    private VerifiedToken verifyNow(RawToken token) {
        String alg = token.alg().orElseThrow(() -> JwtErrors.invalid("CompactDecodeError the JWS header has no alg"));
        if (alg.equals(AlgorithmIdentifiers.NONE)) {
            throw JwtErrors.invalid("JWSError JWSNoSignatures");
        }
        JwtConsumer consumer;
        if (staticKey.isPresent()) {
            if (!staticKey.get().algorithms().contains(alg)) {
                // e.g. an HS256 token "signed" with the RSA public key: never verified with that key as a secret
                throw JwtErrors.invalid("JWSError JWSInvalidSignature");
            }
            consumer = staticConsumer;
        } else {
            consumer = jwksConsumer();
        }
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token.compact());
        } catch (InvalidJwtException e) {
            if (e.getCause() instanceof UnresolvableKeyException) {
                Optional<String> kid = token.kid();
                if (kid.isPresent() && !jwks.orElseThrow().knowsKid(kid.get())) {
                    throw new UnknownKid();
                }
                throw JwtErrors.invalid("JWSError NoUsableKeys");
            }
            throw translate(e);
        }
        NumericDate iat = numericDate(claims, "iat");
        long skewSeconds = config.allowedSkew().toSeconds();
        if (iat != null && iat.getValue() > NumericDate.now().getValue() + skewSeconds) {
            throw JwtErrors.invalid("JWTIssuedAtFuture");
        }
        NumericDate exp = numericDate(claims, "exp");
        try {
            return new VerifiedToken(JSON.readTree(claims.getRawJson()),
                    Optional.ofNullable(exp).map(d -> Instant.ofEpochSecond(d.getValue())));
        } catch (Exception e) {
            throw JwtErrors.invalid("JWTClaimsSetDecodeError " + e.getMessage());
        }
    }

    private JwtConsumer jwksConsumer() {
        JwksCache.Snapshot current = jwks.orElseThrow().snapshot();
        JwksConsumer cached = jwksConsumer;
        if (cached != null && cached.snapshot() == current) {
            return cached.consumer();
        }
        JwksVerificationKeyResolver resolver = new JwksVerificationKeyResolver(current.keys());
        resolver.setDisambiguateWithVerifySignature(true);
        JwtConsumer consumer = builder().setVerificationKeyResolver(resolver)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, JWKS_ALGORITHMS)
                .build();
        jwksConsumer = new JwksConsumer(current, consumer);
        return consumer;
    }

    private JwtConsumerBuilder builder() {
        JwtConsumerBuilder b = new JwtConsumerBuilder()
                .setAllowedClockSkewInSeconds((int) config.allowedSkew().toSeconds());
        if (config.audience().isEmpty()) {
            b.setSkipDefaultAudienceValidation();
        } else {
            b.setExpectedAudience(true, config.audience().toArray(String[]::new));
        }
        config.issuer().ifPresent(iss -> b.setExpectedIssuer(true, iss));
        return b;
    }

    private static NumericDate numericDate(JwtClaims claims, String name) {
        try {
            return claims.getNumericDateClaimValue(name);
        } catch (MalformedClaimException e) {
            throw JwtErrors.invalid("JWTClaimsSetDecodeError " + name + " is not a NumericDate");
        }
    }

    private static final Pattern MALFORMED_CLAIM = Pattern.compile("'([^']+)' claim");

    /** What RFC 7519 (and Hasura's JOSE library) expects of each registered claim. */
    private static final Map<String, String> CLAIM_TYPES = Map.of(
            "sub", "StringOrURI", "iss", "StringOrURI", "jti", "string", "aud", "StringOrURI or a list of them",
            "exp", "NumericDate", "iat", "NumericDate", "nbf", "NumericDate");

    /** jose4j's findings in Hasura's words; when several apply, the one Hasura checks first. */
    private static AuthenticationException translate(InvalidJwtException e) {
        if (e instanceof InvalidJwtSignatureException || e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return JwtErrors.invalid("JWSError JWSInvalidSignature");
        }
        if (e.getCause() instanceof InvalidAlgorithmException
                || e.getCause() instanceof InvalidKeyException) {
            return JwtErrors.invalid("JWSError JWSInvalidSignature");
        }
        List<ErrorCodeValidator.Error> details = e.getErrorDetails();
        int[][] order = {
                {ErrorCodes.EXPIRED}, {ErrorCodes.ISSUED_AT_INVALID_FUTURE}, {ErrorCodes.NOT_YET_VALID},
                {ErrorCodes.ISSUER_INVALID, ErrorCodes.ISSUER_MISSING},
                {ErrorCodes.AUDIENCE_INVALID, ErrorCodes.AUDIENCE_MISSING}};
        String[] names = {"JWTExpired", "JWTIssuedAtFuture", "JWTNotYetValid", "JWTNotInIssuer", "JWTNotInAudience"};
        for (int i = 0; i < order.length; i++) {
            for (int code : order[i]) {
                if (e.hasErrorCode(code)) {
                    return JwtErrors.invalid(names[i]);
                }
            }
        }
        if (e.hasErrorCode(ErrorCodes.MALFORMED_CLAIM)) {
            // jose4j's own text names Java classes ("Cannot cast java.lang.Long…"): only the claim is told
            for (ErrorCodeValidator.Error d : details) {
                Matcher claim = MALFORMED_CLAIM.matcher(d.getErrorMessage());
                if (claim.find()) {
                    return JwtErrors.invalid("JWTClaimsSetDecodeError " + claim.group(1) + " is not a "
                            + CLAIM_TYPES.getOrDefault(claim.group(1), "value of the expected type"));
                }
            }
            return JwtErrors.invalid("JWTClaimsSetDecodeError a registered claim has the wrong type");
        }
        if (e.hasErrorCode(ErrorCodes.JSON_INVALID)) {
            return JwtErrors.invalid("JWTClaimsSetDecodeError the claims are not a JSON object");
        }
        String detail = details.isEmpty() ? e.getOriginalMessage() : details.get(0).getErrorMessage();
        return JwtErrors.invalid("JWSError " + detail);
    }
}
