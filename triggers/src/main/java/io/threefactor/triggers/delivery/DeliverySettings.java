package io.threefactor.triggers.delivery;

import java.time.Duration;

/** How one instance's deliverer behaves; see {@code TriggersConfig} for the meaning and defaults. */
public record DeliverySettings(String instanceId, int concurrency, int fetchBatchSize, Duration pollInterval,
        Duration leaseDuration, Duration gracePeriod, Duration pendingGaugeInterval) {
}
