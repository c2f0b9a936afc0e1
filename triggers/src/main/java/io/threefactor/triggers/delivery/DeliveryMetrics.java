package io.threefactor.triggers.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-trigger meters: attempts and failures (counters), delivery lag from capture to delivery (timer), events
 * pending (gauge, refreshed by the deliverer). Names are dotted; Prometheus shows them as
 * {@code threefactor_events_attempts_total{trigger=...}} etc.
 */
public final class DeliveryMetrics {
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();
    private final Map<String, Counter> meters = new ConcurrentHashMap<>();
    private final Map<String, Timer> lagTimers = new ConcurrentHashMap<>();

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry == null ? new SimpleMeterRegistry() : registry;
    }

    public void attempted(Outcome outcome) {
        String trigger = outcome.event().triggerName();
        meters.computeIfAbsent(trigger + "\0" + outcome.state(), k -> Counter.builder("threefactor.events.attempts")
                .tag("trigger", trigger).tag("outcome", outcome.state().name().toLowerCase()).register(registry))
                .increment();
        if (!outcome.attempt().success()) {
            meters.computeIfAbsent(trigger + "\0failures", k -> Counter.builder("threefactor.events.failures")
                    .tag("trigger", trigger).register(registry)).increment();
        }
        if (outcome.state() == Outcome.State.DELIVERED) {
            Duration lag = Duration.between(outcome.event().createdAt().toInstant(ZoneOffset.UTC),
                    LocalDateTime.now(ZoneOffset.UTC).toInstant(ZoneOffset.UTC));
            lagTimers.computeIfAbsent(trigger, t -> Timer.builder("threefactor.events.delivery.lag")
                    .tag("trigger", t).register(registry)).record(lag.isNegative() ? Duration.ZERO : lag);
        }
    }

    /** One claim query: how long it took and how many events it leased. */
    public void claimed(long nanos, int events) {
        Timer.builder("threefactor.events.claim.duration").register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        Counter.builder("threefactor.events.claimed").register(registry).increment(events);
    }

    /** One batch of outcomes written. */
    public void written(long nanos, int outcomes) {
        Timer.builder("threefactor.events.outcome.write.duration").register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        Counter.builder("threefactor.events.outcomes.written").register(registry).increment(outcomes);
    }

    public void pending(String trigger, long count) {
        pending.computeIfAbsent(trigger, t -> registry.gauge("threefactor.events.pending",
                Tags.of("trigger", t), new AtomicLong())).set(count);
    }

    public MeterRegistry registry() {
        return registry;
    }
}
