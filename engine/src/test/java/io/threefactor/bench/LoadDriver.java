package io.threefactor.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Closed-loop load: {@code concurrency} slots, each sending its next request as soon as the previous one
 * answered, for warm-up plus measurement. Only requests that start and finish inside the measured window count,
 * so warm-up and the drain at the end do not blur the figures. The request number k is global, so the engine
 * and the direct SQL run walk the same id sequence.
 */
final class LoadDriver {

    /** Sends request k; the future fails on any error (HTTP status, GraphQL errors, SQL error). */
    interface Sender extends LongFunction<Future<?>> { }

    record Result(Latencies.Summary latencies, long errors, Duration window, String firstError) {
        double throughput() {
            return latencies.count() / (window.toNanos() / 1e9);
        }
    }

    private final Vertx vertx;
    private final int concurrency;
    private final Duration warmup;
    private final Duration measure;

    LoadDriver(Vertx vertx, int concurrency, Duration warmup, Duration measure) {
        this.vertx = vertx;
        this.concurrency = concurrency;
        this.warmup = warmup;
        this.measure = measure;
    }

    /** Runs the load; {@code onMeasureStart} is called when the measured window opens (to sample metrics). */
    Result run(Sender sender, Runnable onMeasureStart, Runnable onMeasureEnd) throws InterruptedException {
        long start = System.nanoTime();
        long windowStart = start + warmup.toNanos();
        long windowEnd = windowStart + measure.toNanos();
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        String[] firstError = new String[1];
        CountDownLatch done = new CountDownLatch(concurrency);
        List<Latencies> parts = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Latencies slot = new Latencies();
            parts.add(slot);
            new Slot(vertx, sender, next, errors, firstError, slot, windowStart, windowEnd, done).send();
        }
        sleepUntil(windowStart);
        onMeasureStart.run();
        sleepUntil(windowEnd);
        onMeasureEnd.run();
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("requests still in flight 60 s after the end of the run");
        }
        return new Result(Latencies.summarise(parts), errors.get(), measure, firstError[0]);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private record Slot(Vertx vertx, Sender sender, AtomicLong next, AtomicLong errors, String[] firstError, Latencies latencies,
                        long windowStart, long windowEnd, CountDownLatch done) {

        void send() {
            long begin = System.nanoTime();
            if (begin >= windowEnd) {
                done.countDown();
                return;
            }
            Future<?> f;
            try {
                f = sender.apply(next.getAndIncrement());
            } catch (RuntimeException e) {
                f = Future.failedFuture(e);
            }
            f.onComplete(ar -> {
                long end = System.nanoTime();
                if (begin >= windowStart && end <= windowEnd) {
                    if (ar.succeeded()) {
                        latencies.add(end - begin);
                    } else {
                        errors.incrementAndGet();
                    }
                }
                if (ar.succeeded()) {
                    send();
                    return;
                }
                synchronized (firstError) {
                    if (firstError[0] == null) {
                        firstError[0] = String.valueOf(ar.cause());
                    }
                }
                // A failure may complete synchronously: go through a timer so a failing target cannot recurse.
                vertx.setTimer(1, t -> send());
            });
        }
    }
}
