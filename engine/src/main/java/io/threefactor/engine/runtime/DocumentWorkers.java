package io.threefactor.engine.runtime;

import io.threefactor.engine.error.PlanningException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Worker threads for the CPU work on a document the engine has not seen before (parse, validate, plan), so no
 * document, however costly, holds an event loop. The queue is bounded: past it a request is refused at once
 * with Hasura's {@code busy} code rather than waiting without end.
 */
public final class DocumentWorkers implements AutoCloseable {

    private final WorkerExecutor executor;
    private final AtomicInteger waiting = new AtomicInteger();
    private final int maxWaiting;

    public DocumentWorkers(Vertx vertx, int threads, int maxWaiting) {
        // Vert.x only warns about a task past this time; the limits on documents keep tasks far below it
        this.executor = vertx.createSharedWorkerExecutor("threefactor-documents", threads, 10, TimeUnit.SECONDS);
        this.maxWaiting = maxWaiting;
    }

    public <T> Future<T> submit(Callable<T> work) {
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            return Future.failedFuture(new PlanningException("busy",
                    "too many new queries are being prepared at once; try again", "$"));
        }
        return executor.executeBlocking(work, false).andThen(r -> waiting.decrementAndGet());
    }

    @Override
    public void close() {
        executor.close();
    }
}
