package io.threefactor.engine.auth;

import com.sun.net.httpserver.HttpServer;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in identity provider for tests: real key pairs, and JWKS documents served over HTTP on 127.0.0.1 (a
 * free port) with the Cache-Control the test chooses. One instance per JVM, shared by the test resource that
 * configures the engine and by the tests that sign tokens.
 */
public final class IdentityProvider {

    private static IdentityProvider instance;

    /** The coach app's signing keys (RS256, served at {@code /coach/jwks}); the second is the rotated one. */
    public final PublicJsonWebKey coachKey = rsa("coach-key-1");
    public final PublicJsonWebKey coachRotatedKey = rsa("coach-key-2");
    /** The client app's signing key (ES256, served at {@code /client/jwks}). */
    public final PublicJsonWebKey clientKey = ec("client-key-1", EllipticCurves.P256);
    /** A second client key, Ed25519 (an OKP JWK), served alongside. */
    public final PublicJsonWebKey clientEdKey = ed25519("client-key-ed");

    /** Keys given in the configuration as PEM ({@code type} + {@code key}). */
    public final PublicJsonWebKey rsaKey = rsa(null);
    public final PublicJsonWebKey es256Key = ec(null, EllipticCurves.P256);
    public final PublicJsonWebKey es384Key = ec(null, EllipticCurves.P384);
    public final PublicJsonWebKey es512Key = ec(null, EllipticCurves.P521);
    public final PublicJsonWebKey ed25519Key = ed25519(null);
    /** HMAC secrets (at least as long as the hash, as Hasura requires). */
    public final String hs256Secret = "a-256-bit-secret-for-hs256-tokens!";
    public final String hs384Secret = "a-384-bit-secret-for-hs384-tokens-which-is-longer!";
    public final String hs512Secret = "a-512-bit-secret-for-hs512-tokens-which-is-longer-still-than-that!";

    private final HttpServer server;
    private final Map<String, Served> documents = new ConcurrentHashMap<>();

    private static final class Served {
        volatile String body;
        volatile String cacheControl;
        final AtomicInteger fetches = new AtomicInteger();
    }

    private IdentityProvider() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Served served = documents.get(exchange.getRequestURI().getPath());
            if (served == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            served.fetches.incrementAndGet();
            byte[] bytes = served.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (served.cacheControl != null) {
                exchange.getResponseHeaders().add("Cache-Control", served.cacheControl);
            }
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        serve("/coach/jwks", "public, max-age=3600, must-revalidate, no-transform", coachKey);
        serve("/client/jwks", "public, max-age=3600", clientKey, clientEdKey);
    }

    public static synchronized IdentityProvider get() {
        if (instance == null) {
            instance = new IdentityProvider();
        }
        return instance;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Serves these public keys at the path from now on. */
    public void serve(String path, String cacheControl, PublicJsonWebKey... keys) {
        Served served = documents.computeIfAbsent(path, p -> new Served());
        JsonWebKey[] publicKeys = new JsonWebKey[keys.length];
        for (int i = 0; i < keys.length; i++) {
            publicKeys[i] = publicOnly(keys[i]);
        }
        served.body = new JsonWebKeySet(publicKeys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        served.cacheControl = cacheControl;
    }

    /** Serves this body (a broken document, say) at the path from now on. */
    public void serveRaw(String path, String body) {
        Served served = documents.computeIfAbsent(path, p -> new Served());
        served.body = body;
    }

    /** How many times the document at the path was fetched. */
    public int fetches(String path) {
        Served served = documents.get(path);
        return served == null ? 0 : served.fetches.get();
    }

    /** The public key as PEM (SubjectPublicKeyInfo), as Hasura's {@code key} takes it. */
    public static String pem(PublicJsonWebKey key) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getPublicKey().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    private static JsonWebKey publicOnly(PublicJsonWebKey key) {
        try {
            return JsonWebKey.Factory.newJwk(key.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicJsonWebKey rsa(String kid) {
        try {
            PublicJsonWebKey k = RsaJwkGenerator.generateJwk(2048);
            k.setKeyId(kid);
            return k;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicJsonWebKey ec(String kid, java.security.spec.ECParameterSpec curve) {
        try {
            PublicJsonWebKey k = EcJwkGenerator.generateJwk(curve);
            k.setKeyId(kid);
            return k;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicJsonWebKey ed25519(String kid) {
        try {
            PublicJsonWebKey k = OkpJwkGenerator.generateJwk(OctetKeyPairJsonWebKey.SUBTYPE_ED25519);
            k.setKeyId(kid);
            return k;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public List<String> paths() {
        return List.copyOf(documents.keySet());
    }
}
