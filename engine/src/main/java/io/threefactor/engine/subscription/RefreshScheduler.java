package io.threefactor.engine.subscription;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a live-query group fetches which cohorts. New cohorts are fetched on the next tick, together. A change
 * refetches the cohorts it concerns at once, and queues behind a running change refresh (whose concerned cohorts
 * it merges with). The safety net refetches all cohorts, two statements at a time so that it never crowds out
 * change refreshes, and is skipped while any refresh runs.
 */
final class RefreshScheduler {

    /** Statements a safety-net refresh runs at once: enough to finish soon, few enough to leave the pool free. */
    private static final int SAFETY_NET_LANES = 2;

    private final CohortIndex cohorts;
    private final MultiplexedFetch fetch;
    private final Future<Void> ready;
    private final Vertx vertx;
    private final Tracer tracer;
    private final LiveCounters counters;
    private final List<Cohort> pendingNew = new ArrayList<>();
    private final Set<Cohort> pendingChanged = new LinkedHashSet<>();
    /** The traces of the writes the next change refresh serves. */
    private ChangeTrace pendingTrace = ChangeTrace.NONE;
    private boolean pendingAll;
    private boolean changeRefreshing;
    private boolean fallbackRefreshing;
    private boolean newScheduled;
    private long lastFullRefresh;

    /**
     * {@code ready}: the watched tables' leases, which first fetches wait for so that no change after them goes
     * unnotified.
     */
    RefreshScheduler(CohortIndex cohorts, MultiplexedFetch fetch, Future<Void> ready, Vertx vertx, Tracer tracer,
            LiveCounters counters, Duration fallbackInterval, Duration coveredFallbackInterval) {
        this.cohorts = cohorts;
        this.fetch = fetch;
        this.ready = ready;
        this.vertx = vertx;
        this.tracer = tracer;
        this.counters = counters;
        // spread the safety-net refreshes of groups over the interval
        long spread = coveredFallbackInterval.toNanos() / 2;
        this.lastFullRefresh = System.nanoTime() - (spread > 0 ? ThreadLocalRandom.current().nextLong(spread) : 0);
        // a transaction in flight while the leases were written may commit unnotified: refetch once after it
        long late = Math.max(1, fallbackInterval.toMillis());
        ready.onComplete(x -> vertx.setTimer(late, id -> refreshAll()));
    }

    /** Fetches a new cohort on the next tick, with the others new by then, so a burst costs few statements. */
    void fetchNew(Cohort cohort) {
        synchronized (this) {
            pendingNew.add(cohort);
            if (newScheduled) {
                return;
            }
            newScheduled = true;
        }
        ready.onComplete(r -> vertx.runOnContext(x -> {
            List<Cohort> batch;
            synchronized (this) {
                batch = new ArrayList<>(pendingNew);
                pendingNew.clear();
                newScheduled = false;
            }
            fetch.fetch(batch, true, Integer.MAX_VALUE);
        }));
    }

    /** Refetches the cohorts a change concerns, for the writes of this trace. */
    void changed(CohortIndex.Concern concern, ChangeTrace trace) {
        synchronized (this) {
            if (cohorts.closed()) {
                return;
            }
            if (concern.all()) {
                pendingAll = true;
            } else {
                pendingChanged.addAll(concern.cohorts());
            }
            pendingTrace = pendingTrace.and(trace);
        }
        startChangeRefresh();
    }

    /** Refetches every cohort as a change refresh would. */
    void refreshAll() {
        synchronized (this) {
            pendingAll = true;
        }
        startChangeRefresh();
    }

    private void startChangeRefresh() {
        List<Cohort> list;
        ChangeTrace trace;
        synchronized (this) {
            if (cohorts.closed() || changeRefreshing || (!pendingAll && pendingChanged.isEmpty())) {
                return;
            }
            if (pendingAll) {
                list = cohorts.all();
                lastFullRefresh = System.nanoTime();
            } else {
                list = cohorts.present(pendingChanged);
            }
            pendingAll = false;
            pendingChanged.clear();
            changeRefreshing = true;
            trace = pendingTrace;
            pendingTrace = ChangeTrace.NONE;
        }
        counters.refreshes.incrementAndGet();
        // A span of the writes' trace (when they carried one) from the refetch to the last push it makes.
        Span span = trace.start(tracer, "subscription refresh");
        span.setAttribute("threefactor.subscription.cohorts", list.size());
        fetch.fetch(list, false, Integer.MAX_VALUE).onComplete(done -> {
            span.end();
            synchronized (this) {
                changeRefreshing = false;
            }
            startChangeRefresh();
        });
    }

    /** The safety net: refetches everything if nothing did for {@code dueNanos}, unless a refresh is running. */
    void fallback(long nowNanos, long dueNanos) {
        List<Cohort> all;
        synchronized (this) {
            if (cohorts.closed() || changeRefreshing || fallbackRefreshing || nowNanos - lastFullRefresh < dueNanos) {
                return;
            }
            fallbackRefreshing = true;
            lastFullRefresh = nowNanos;
            all = cohorts.all();
        }
        counters.refreshes.incrementAndGet();
        fetch.fetch(all, false, SAFETY_NET_LANES).onComplete(done -> {
            synchronized (this) {
                fallbackRefreshing = false;
            }
        });
    }
}
