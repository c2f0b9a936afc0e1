package io.threefactor.engine.ops;

import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;

/**
 * Lets Quarkus's graceful shutdown see WebSocket connections end. Quarkus counts every HTTP request until its
 * response ends or closes; a request upgraded to a WebSocket never does (Quarkus 3.34 with WebSockets Next), so
 * once any socket had been opened, every shutdown waited the full {@code quarkus.shutdown.timeout} and then logged
 * "Timed out waiting for graceful shutdown". Here an upgraded request counts as done when its connection closes —
 * {@link GoingAway} closes them all with 1001 first — so a SIGTERM ends the process as soon as deliveries drain.
 * The request wrapper's {@code done()} is package-private, hence one method handle, looked up once.
 */
@Singleton
public class UpgradedRequests {

    private static final Logger LOG = Logger.getLogger(UpgradedRequests.class);
    private static final MethodHandle DONE = doneHandle();

    void register(@Observes Router router) {
        if (DONE != null) {
            router.route().order(Integer.MIN_VALUE + 5).handler(this::handle);
        }
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        // Only requests Quarkus counts carry its wrapper (no shutdown timeout, as in tests: none to mark done).
        if (isUpgrade(request) && request.getCookie(QuarkusRequestWrapper.FAKE_COOKIE_NAME) != null) {
            QuarkusRequestWrapper counted = QuarkusRequestWrapper.get(request);
            request.connection().closeHandler(closed -> done(counted));
        }
        ctx.next();
    }

    private static boolean isUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader("upgrade");
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    private static void done(QuarkusRequestWrapper request) {
        try {
            DONE.invokeExact(request);
        } catch (Throwable e) {
            LOG.debugf("could not mark an upgraded request done: %s", e);
        }
    }

    private static MethodHandle doneHandle() {
        try {
            Method done = QuarkusRequestWrapper.class.getDeclaredMethod("done");
            done.setAccessible(true);
            return MethodHandles.lookup().unreflect(done);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf("Quarkus's request wrapper changed; upgraded requests are left to the shutdown timeout: %s", e);
            return null;
        }
    }
}
