package io.threefactor.functions.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Starts what the functions talk to, for @QuarkusTest: the GraphQL {@link HasuraStandIn} and a
 * real S3 server with the uploads and public buckets; points the app's config at them.
 */
public class FunctionsTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_SECRET = "functions-test-secret";
    /** What the event triggers send in {@code x-threefactor-caller-secret}. */
    public static final String CALLER_SECRET = "functions-test-caller-secret";

    private HasuraStandIn engine;
    private S3ProxyServer s3;

    @Override
    public Map<String, String> start() {
        engine = new HasuraStandIn(ADMIN_SECRET);
        s3 = new S3ProxyServer();
        try (S3Client client = s3.client("uploads", "public")) {
            // buckets created
        }
        return Map.of(
                "threefactor.engine.url", engine.url(),
                "threefactor.engine.admin-secret", ADMIN_SECRET,
                "threefactor.caller.secret", CALLER_SECRET,
                "threefactor.storage.kind", "s3",
                "threefactor.storage.s3.endpoint", s3.endpoint(),
                "threefactor.storage.s3.access-key-id", S3ProxyServer.ACCESS_KEY,
                "threefactor.storage.s3.secret-access-key", S3ProxyServer.SECRET_KEY,
                "threefactor.storage.public.acl", "public-read");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(engine, new TestInjector.MatchesType(HasuraStandIn.class));
        injector.injectIntoFields(s3, new TestInjector.MatchesType(S3ProxyServer.class));
    }

    @Override
    public void stop() {
        if (engine != null) {
            engine.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }
}
