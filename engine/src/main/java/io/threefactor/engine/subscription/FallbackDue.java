package io.threefactor.engine.subscription;

import io.threefactor.engine.config.EngineConfig;

/**
 * How long a live query or stream goes without a refresh before a safety-net tick refreshes it: the fallback
 * interval, or the longer covered one when change notifications cover everything it reads.
 */
record FallbackDue(long uncoveredNanos, long coveredNanos) {

    /** For ticks every {@code tickMillis}: due half a tick early, so the tick nearest the interval runs it. */
    static FallbackDue of(EngineConfig.Subscriptions settings, long tickMillis) {
        long halfTick = tickMillis * 1_000_000L / 2;
        long uncovered = settings.fallbackInterval().toNanos();
        long covered = Math.max(uncovered, settings.coveredFallbackInterval().toNanos());
        return new FallbackDue(uncovered - halfTick, covered - halfTick);
    }

    long nanos(boolean covered) {
        return covered ? coveredNanos : uncoveredNanos;
    }
}
