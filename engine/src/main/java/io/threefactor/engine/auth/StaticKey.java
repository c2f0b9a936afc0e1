package io.threefactor.engine.auth;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.keys.HmacKey;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * A key given in the configuration ({@code type} + {@code key}): an HMAC secret, or a PEM public key or X.509
 * certificate for RSA, EC and Ed25519. Tokens must use an algorithm of the key's family.
 */
record StaticKey(Key key, Set<String> algorithms) {

    static StaticKey of(JwtConfig.KeySpec spec) {
        String type = spec.type();
        return switch (type) {
            case "HS256", "HS384", "HS512" -> hmac(spec.key(), Integer.parseInt(type.substring(2)));
            case "RS256", "RS384", "RS512" -> new StaticKey(publicKey(spec.key(), "RSA"), Set.of(
                    AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
                    AlgorithmIdentifiers.RSA_USING_SHA512));
            case "ES256", "ES384", "ES512" -> new StaticKey(publicKey(spec.key(), "EC"), Set.of(
                    AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
                    AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
                    AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512));
            case "Ed25519" -> new StaticKey(publicKey(spec.key(), "Ed25519"), Set.of(AlgorithmIdentifiers.EDDSA));
            default -> throw new IllegalArgumentException("Invalid JWK: Key type: " + type + " is not supported");
        };
    }

    private static StaticKey hmac(String secret, int bits) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < bits / 8) {
            throw new IllegalArgumentException("Invalid JWK: Key size too small; should be atleast " + bits / 8
                    + " characters");
        }
        return new StaticKey(new HmacKey(bytes), Set.of(AlgorithmIdentifiers.HMAC_SHA256,
                AlgorithmIdentifiers.HMAC_SHA384, AlgorithmIdentifiers.HMAC_SHA512));
    }

    /** A PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo) or {@code CERTIFICATE}. */
    static PublicKey publicKey(String pem, String algorithm) {
        try {
            if (pem.contains("BEGIN CERTIFICATE")) {
                PublicKey key = CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                        .getPublicKey();
                String actual = key.getAlgorithm();
                boolean ed = algorithm.equals("Ed25519") && (actual.equals("EdDSA") || actual.equals("Ed25519"));
                if (!ed && !actual.equals(algorithm)) {
                    throw new IllegalArgumentException("Invalid JWK: the certificate holds a " + actual + " key");
                }
                return key;
            }
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Invalid JWK")) {
                throw (IllegalArgumentException) e;
            }
            throw new IllegalArgumentException("Invalid JWK: could not read the " + algorithm
                    + " public key (PEM PUBLIC KEY or CERTIFICATE expected): " + e.getMessage());
        }
    }
}
