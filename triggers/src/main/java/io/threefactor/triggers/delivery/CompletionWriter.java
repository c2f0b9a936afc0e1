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
 * Writes outcomes to the database in batches: while writes are in flight the next outcomes queue up and go together,
 * so the batch size adapts to load without a timer. A failed write is retried (the outcomes stay queued); the leases
 * are renewed meanwhile, so nothing is lost or handed to another instance while the database is away.
 * Runs on the deliverer's context only.
 */
final class CompletionWriter {
    private static final Logger LOG = Logger.getLogger(CompletionWriter.class);
    private static final int MAX_BATCH = 500;
    private static final int MAX_CONCURRENT_WRITES = 2;
    private static final long RETRY_DELAY_MS = 500;

    private final Vertx vertx;
    private final EventStore store;
    private final String owner;
    private final DeliveryMetrics metrics;
    private final Consumer<List<Outcome>> onWritten;
    private final ArrayDeque<Outcome> queue = new ArrayDeque<>();
    private final List<Promise<Void>> drainWaiters = new ArrayList<>();
    private int writesInFlight;
    private boolean pausedAfterFailure;
    private boolean halted;

    CompletionWriter(Vertx vertx, EventStore store, String owner, DeliveryMetrics metrics,
            Consumer<List<Outcome>> onWritten) {
        this.vertx = vertx;
        this.store = store;
        this.owner = owner;
        this.metrics = metrics;
        this.onWritten = onWritten;
    }

    void add(Outcome outcome) {
        queue.add(outcome);
        writeMore();
    }

    /** Completes once every queued outcome is written. */
    Future<Void> drain() {
        if (queue.isEmpty() && writesInFlight == 0) {
            return Future.succeededFuture();
        }
        Promise<Void> promise = Promise.promise();
        drainWaiters.add(promise);
        return promise.future();
    }

    /** Accepts and writes outcomes again after a {@link #halt()} (delivery restarted). */
    void resume() {
        halted = false;
        writeMore();
    }

    /** Stops retrying; queued outcomes are left to lease expiry (their events are delivered again). */
    void halt() {
        halted = true;
        completeDrainWaiters();
    }

    private void writeMore() {
        // With one write in flight, a second one starts only for a full batch: small loads stay one at a time.
        while (!halted && !pausedAfterFailure && !queue.isEmpty() && writesInFlight < MAX_CONCURRENT_WRITES
                && (writesInFlight == 0 || queue.size() >= MAX_BATCH)) {
            write();
        }
    }

    private void write() {
        List<Outcome> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
        while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
            batch.add(queue.poll());
        }
        writesInFlight++;
        long started = System.nanoTime();
        store.complete(batch, owner).onComplete(ar -> {
            writesInFlight--;
            if (ar.failed()) {
                LOG.warnf("writing %d delivery outcomes failed, retrying: %s", batch.size(), ar.cause().getMessage());
                for (int i = batch.size() - 1; i >= 0; i--) {
                    queue.addFirst(batch.get(i));
                }
                if (!pausedAfterFailure) {
                    pausedAfterFailure = true;
                    vertx.setTimer(RETRY_DELAY_MS, t -> {
                        pausedAfterFailure = false;
                        writeMore();
                    });
                }
                return;
            }
            metrics.written(System.nanoTime() - started, batch.size());
            onWritten.accept(batch);
            writeMore();
            if (queue.isEmpty() && writesInFlight == 0) {
                completeDrainWaiters();
            }
        });
    }

    private void completeDrainWaiters() {
        // Copied first: a waiter's continuation may run synchronously and come back here.
        List<Promise<Void>> waiters = List.copyOf(drainWaiters);
        drainWaiters.clear();
        waiters.forEach(Promise::tryComplete);
    }
}
