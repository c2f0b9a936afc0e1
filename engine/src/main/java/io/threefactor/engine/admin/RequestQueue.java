package io.threefactor.engine.admin;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import jakarta.inject.Singleton;

import java.util.function.Supplier;

/** Runs metadata requests and reloads one at a time on this instance, in arrival order. */
@Singleton
class RequestQueue {

    private Future<Void> tail = Future.succeededFuture();

    synchronized <T> Future<T> enqueue(Supplier<Future<T>> task) {
        Promise<T> done = Promise.promise();
        tail = tail.transform(x -> {
            Future<T> f;
            try {
                f = task.get();
            } catch (RuntimeException e) {
                f = Future.failedFuture(e);
            }
            f.onComplete(done);
            return f.transform(y -> Future.<Void>succeededFuture());
        });
        return done.future();
    }
}
