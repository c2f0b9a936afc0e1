package io.threefactor.triggers.delivery;

import io.threefactor.triggers.definition.EventTriggerDefinition;
import io.threefactor.triggers.target.AttemptResult;
import io.threefactor.triggers.target.EventSender;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import org.jboss.logging.Logger;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One instance's delivery loop. Woken by NOTIFY (and by a poll as the safety net), it claims up to
 * {@code fetchBatchSize} events as leases, sends them concurrently up to {@code concurrency}, hands outcomes to the
 * {@link CompletionWriter}, and renews its leases on a heartbeat so that a crashed instance's events are reclaimed
 * after one lease duration. Under load it keeps up to one batch claimed ahead of the free slots, so sending never
 * waits for a claim round trip, and it claims in chunks rather than one event per freed slot.
 * All state lives on one Vert.x context: no locks.
 */
public final class Deliverer {
    private static final Logger LOG = Logger.getLogger(Deliverer.class);
    /**
     * Claims woken by NOTIFY start this far below the lowest event claimed so far, not at the start of the pending
     * index: until VACUUM removes them, the index keeps an entry for every event delivered since, and walking those
     * would make each claim cost more the busier the table. The window covers transactions that commit out of seq
     * order; anything older (retries, redeliveries, expired leases) is found by the full scans that the poll, retry
     * timers and reconnections do.
     */
    private static final long SEQ_WINDOW = 2_000;

    private final Vertx vertx;
    private final Context context;
    private final EventStore store;
    private final Pool pool;
    private final TriggerRegistry triggers;
    private final EventSender sender;
    private final DeliverySettings settings;
    private final DeliveryMetrics metrics;
    private final WakeupListener listener;
    private final CompletionWriter completions;

    /** Every event we hold a lease on: in flight, or finished with the outcome not yet written. */
    private final Set<String> leased = new HashSet<>();
    private final Set<String> inFlight = new HashSet<>();
    /** Claimed ahead, waiting for a free slot. */
    private final ArrayDeque<ClaimedEvent> queued = new ArrayDeque<>();
    private boolean running;
    /**
     * Claims in flight (at most one) and the slots they may fill. Two claims over the same backlog walk each other's
     * locked rows (SKIP LOCKED): the benchmark's drain measured about 20% more PostgreSQL CPU per event with two.
     */
    private int claimsInFlight;
    private int reservedByClaims;
    private boolean backlog;
    private long seqFloor;
    private boolean fullScanDue = true;
    private boolean wakeRequested;
    private long pollTimer = -1;
    private long heartbeatTimer = -1;
    private long gaugeTimer = -1;
    private Promise<Void> idle;

    public Deliverer(Vertx vertx, Pool pool, PgConnectOptions listenOptions, TriggerRegistry triggers,
            EventSender sender, DeliverySettings settings, DeliveryMetrics metrics) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.pool = pool;
        this.store = new EventStore(pool);
        this.triggers = triggers;
        this.sender = sender;
        this.settings = settings;
        this.metrics = metrics;
        this.listener = new WakeupListener(vertx, listenOptions, () -> context.runOnContext(v -> wake()),
                () -> context.runOnContext(v -> wakeForFullScan()));
        this.completions = new CompletionWriter(vertx, store, settings.instanceId(), metrics, this::written);
    }

    public Future<Void> start() {
        Promise<Void> started = Promise.promise();
        context.runOnContext(v -> {
            if (running) {
                started.complete();
                return;
            }
            running = true;
            completions.resume();
            store.releaseAll(settings.instanceId())
                    .onSuccess(n -> {
                        if (n > 0) {
                            LOG.infof("released %d leases left by an earlier run of instance %s", n,
                                    settings.instanceId());
                        }
                    })
                    .recover(e -> Future.succeededFuture(0))
                    .compose(n -> listener.start())
                    .onComplete(ar -> {
                        pollTimer = vertx.setPeriodic(settings.pollInterval().toMillis(), t -> wakeForFullScan());
                        heartbeatTimer = vertx.setPeriodic(Math.max(100, settings.leaseDuration().toMillis() / 3),
                                t -> heartbeat());
                        gaugeTimer = vertx.setPeriodic(settings.pendingGaugeInterval().toMillis(),
                                t -> refreshPendingGauge());
                        wakeForFullScan();
                        started.complete();
                    });
        });
        return started.future();
    }

    /**
     * Graceful stop: no new claims; in-flight deliveries get {@code gracePeriod} to finish and their outcomes are
     * written; the leases of whatever is still in flight are released for other instances.
     */
    public Future<Void> stop() {
        Promise<Void> stopped = Promise.promise();
        context.runOnContext(v -> {
            if (!running) {
                stopped.complete();
                return;
            }
            running = false;
            queued.clear(); // still leased: released below with the unfinished in-flight ones
            vertx.cancelTimer(pollTimer);
            vertx.cancelTimer(gaugeTimer);
            listener.close()
                    .recover(e -> Future.succeededFuture())
                    .compose(x -> inFlightFinished())
                    .compose(x -> completions.drain())
                    .compose(x -> leased.isEmpty() ? Future.succeededFuture()
                            : store.release(List.copyOf(leased), settings.instanceId())
                                    .onSuccess(r -> LOG.infof("released %d events still in flight at shutdown",
                                            leased.size())))
                    .recover(e -> {
                        LOG.warnf("releasing leases at shutdown failed (they expire in %s): %s",
                                settings.leaseDuration(), e.getMessage());
                        return Future.succeededFuture();
                    })
                    .onComplete(x -> {
                        vertx.cancelTimer(heartbeatTimer);
                        completions.halt();
                        leased.clear();
                        stopped.complete();
                    });
        });
        return stopped.future();
    }

    /** Number of events in flight, for tests and metrics. */
    public int inFlightCount() {
        return inFlight.size();
    }

    /** Claims now (e.g. after a trigger is registered), instead of waiting for a notification or the poll. */
    public void wakeUp() {
        context.runOnContext(v -> wakeForFullScan());
    }

    /** For what a notification cannot announce: retries coming due, expired leases, redeliveries, missed NOTIFYs. */
    private void wakeForFullScan() {
        fullScanDue = true;
        wake();
    }

    private void wake() {
        if (!running) {
            return;
        }
        int room = settings.concurrency() + settings.fetchBatchSize() - inFlight.size() - queued.size()
                - reservedByClaims;
        boolean idleNow = inFlight.isEmpty() && queued.isEmpty() && claimsInFlight == 0;
        if (claimsInFlight > 0 || (!idleNow && room < Math.max(1, settings.fetchBatchSize() / 4))) {
            wakeRequested = true;
            return;
        }
        Collection<String> names = triggers.names();
        if (names.isEmpty()) {
            return;
        }
        int limit = Math.min(settings.fetchBatchSize(), room);
        long fromSeq = fullScanDue ? 0 : seqFloor;
        fullScanDue = false;
        claimsInFlight++;
        reservedByClaims += limit;
        wakeRequested = false;
        long started = System.nanoTime();
        store.claim(limit, settings.instanceId(), settings.leaseDuration(), names, fromSeq).onComplete(ar -> {
            claimsInFlight--;
            reservedByClaims -= limit;
            metrics.claimed(System.nanoTime() - started, ar.succeeded() ? ar.result().size() : 0);
            if (ar.failed()) {
                LOG.warnf("claiming events failed (retrying on the next wake-up): %s", ar.cause().getMessage());
                backlog = false;
                return;
            }
            List<ClaimedEvent> events = ar.result();
            if (!running) {
                // Stopped meanwhile: hand them straight back.
                store.release(events.stream().map(ClaimedEvent::id).toList(), settings.instanceId());
                return;
            }
            backlog = events.size() == limit;
            if (!events.isEmpty()) {
                // A full scan may find old events (a long transaction committed, retries due): the window follows
                // them down, so the claims that continue a backlog see them too.
                long floor = events.get(0).seq() - SEQ_WINDOW;
                seqFloor = fromSeq == 0 ? floor : Math.max(seqFloor, floor);
            }
            events.forEach(e -> leased.add(e.id()));
            queued.addAll(events);
            sendQueued();
            // A full batch suggests more is waiting; a wake-up that came during the claim may have new events.
            if (backlog || wakeRequested) {
                wake();
            }
        });
    }

    private void sendQueued() {
        while (running && !queued.isEmpty() && inFlight.size() < settings.concurrency()) {
            deliver(queued.poll());
        }
    }

    private void deliver(ClaimedEvent event) {
        inFlight.add(event.id());
        Optional<EventTriggerDefinition> trigger = triggers.find(event.triggerName());
        Future<AttemptResult> attempt;
        if (trigger.isEmpty()) {
            // Unregistered between claim and delivery: give the lease back untouched.
            inFlight.remove(event.id());
            store.release(List.of(event.id()), settings.instanceId()).onComplete(r -> leased.remove(event.id()));
            return;
        }
        EventTriggerDefinition definition = trigger.get();
        Buffer payload = PayloadBuilder.encode(event, definition.retryConf());
        try {
            attempt = sender.send(definition, event.id(), payload, event.traceparent());
        } catch (RuntimeException e) {
            attempt = Future.succeededFuture(AttemptResult.clientError(
                    AttemptResult.request(payload.toString(), new JsonArray()), e.toString(), 0));
        }
        attempt.onComplete(ar -> {
            AttemptResult result = ar.succeeded() ? ar.result() : AttemptResult.clientError(
                    AttemptResult.request(payload.toString(), new JsonArray()),
                    String.valueOf(ar.cause()), 0);
            Outcome outcome = RetryPolicy.decide(event, definition.retryConf(), result);
            metrics.attempted(outcome);
            if (outcome.state() != Outcome.State.DELIVERED) {
                LOG.debugf("event %s of trigger %s: attempt %d failed with status %d, %s", event.id(),
                        event.triggerName(), event.tries() + 1, result.status(), outcome.state());
            }
            inFlight.remove(event.id());
            completions.add(outcome);
            if (idle != null && inFlight.isEmpty()) {
                idle.tryComplete();
            }
            sendQueued();
            if (wakeRequested) {
                wake();
            }
        });
    }

    /** Outcomes are in the database: the leases are gone; ordered successors and retries may now be claimable. */
    private void written(List<Outcome> outcomes) {
        boolean successorsMayWait = false;
        long soonestRetry = Long.MAX_VALUE;
        for (Outcome o : outcomes) {
            leased.remove(o.event().id());
            successorsMayWait |= o.event().orderingKey() != null;
            if (o.state() == Outcome.State.RETRY) {
                soonestRetry = Math.min(soonestRetry, o.retryDelayMs());
            }
        }
        if (successorsMayWait) {
            wakeForFullScan(); // a successor may sit below the seq window
        }
        // Retries sooner than the next poll are claimed on time.
        if (soonestRetry < settings.pollInterval().toMillis()) {
            vertx.setTimer(Math.max(1, soonestRetry + 5), t -> wakeForFullScan());
        }
    }

    private void heartbeat() {
        if (leased.isEmpty()) {
            return;
        }
        store.renew(List.copyOf(leased), settings.instanceId(), settings.leaseDuration())
                .onFailure(e -> LOG.warnf("renewing %d leases failed: %s", leased.size(), e.getMessage()));
    }

    private Future<Void> inFlightFinished() {
        if (inFlight.isEmpty()) {
            return Future.succeededFuture();
        }
        idle = Promise.promise();
        long timer = vertx.setTimer(settings.gracePeriod().toMillis(), t -> idle.tryComplete());
        return idle.future().onComplete(x -> vertx.cancelTimer(timer));
    }

    private void refreshPendingGauge() {
        pool.query("SELECT trigger_name, count(*) AS n FROM hdb_catalog.event_log "
                        + "WHERE delivered = 'f' AND error = 'f' AND archived = 'f' GROUP BY trigger_name")
                .execute()
                .onSuccess(rows -> {
                    Set<String> seen = new HashSet<>();
                    rows.forEach(r -> {
                        seen.add(r.getString("trigger_name"));
                        metrics.pending(r.getString("trigger_name"), r.getLong("n"));
                    });
                    triggers.names().stream().filter(n -> !seen.contains(n)).forEach(n -> metrics.pending(n, 0));
                });
    }
}
