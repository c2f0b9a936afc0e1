package io.threefactor.triggers.delivery;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes outcomes to the database in batches: while one write is in flight the next outcomes queue up and go
 * together, so the write rate adapts to load without a timer. A failed write is retried (the outcomes stay queued);
 * the leases are renewed meanwhile, so nothing is lost or handed to another instance while the database is away.
 * Runs on the deliverer's context only.
 */
final class CompletionWriter {
    private static final Logger LOG = Logger.getLogger(CompletionWriter.class);
    private static final int MAX_BATCH = 500;
    private static final long RETRY_DELAY_MS = 500;

    private final Vertx vertx;
    private final EventStore store;
    private final String owner;
    private final Consumer<List<Outcome>> onWritten;
    private final ArrayDeque<Outcome> queue = new ArrayDeque<>();
    private final List<Promise<Void>> drainWaiters = new ArrayList<>();
    private boolean writing;
    private boolean halted;

    private final DeliveryMetrics metrics;

    CompletionWriter(Vertx vertx, EventStore store, String owner, DeliveryMetrics metrics,
            Consumer<List<Outcome>> onWritten) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.store = store;
        this.owner = owner;
        this.onWritten = onWritten;
    }

    void add(Outcome outcome) {
        queue.add(outcome);
        if (!writing) {
            write();
        }
    }

    /** Completes once every queued outcome is written. */
    Future<Void> drain() {
        if (queue.isEmpty() && !writing) {
            return Future.succeededFuture();
        }
        Promise<Void> promise = Promise.promise();
        drainWaiters.add(promise);
        return promise.future();
    }

    int queued() {
        return queue.size();
    }

    /** Accepts and writes outcomes again after a {@link #halt()} (delivery restarted). */
    void resume() {
        halted = false;
        if (!queue.isEmpty() && !writing) {
            write();
        }
    }

    /** Stops retrying; queued outcomes are left to lease expiry (their events are delivered again). */
    void halt() {
        halted = true;
        completeDrainWaiters();
    }

    private void completeDrainWaiters() {
        // Copied first: a waiter's continuation may run synchronously and come back here.
        List<Promise<Void>> waiters = List.copyOf(drainWaiters);
        drainWaiters.clear();
        waiters.forEach(Promise::tryComplete);
    }

    private void write() {
        if (halted) {
            return;
        }
        List<Outcome> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
        while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
            batch.add(queue.poll());
        }
        writing = true;
        long started = System.nanoTime();
        store.complete(batch, owner).onComplete(ar -> {
            writing = false;
            if (ar.succeeded()) {
                metrics.written(System.nanoTime() - started, batch.size());
            }
            if (ar.failed()) {
                LOG.warnf("writing %d delivery outcomes failed, retrying: %s", batch.size(), ar.cause().getMessage());
                for (int i = batch.size() - 1; i >= 0; i--) {
                    queue.addFirst(batch.get(i));
                }
                writing = true; // hold further writes until the retry
                vertx.setTimer(RETRY_DELAY_MS, t -> {
                    writing = false;
                    write();
                });
                return;
            }
            onWritten.accept(batch);
            if (!queue.isEmpty()) {
                write();
            } else {
                completeDrainWaiters();
            }
        });
    }
}
