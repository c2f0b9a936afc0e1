package io.threefactor.triggers;

import io.threefactor.triggers.api.CleanupRequest;
import io.threefactor.triggers.target.Environment;
import io.threefactor.triggers.target.FunctionEndpoints;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Settings of the event trigger subsystem; the engine maps its environment variables and properties onto it.
 *
 * @param instanceId              owner name of this instance's leases; a stable one (pod name) lets a restarted
 *                                instance take its old leases back at once instead of after they expire
 * @param httpPoolSize            concurrent deliveries and HTTP connections ({@code HASURA_GRAPHQL_EVENTS_HTTP_POOL_SIZE}, 100)
 * @param fetchBatchSize          events claimed per query ({@code HASURA_GRAPHQL_EVENTS_FETCH_BATCH_SIZE}, 100)
 * @param pollInterval            the safety-net poll; NOTIFY does the real work ({@code HASURA_GRAPHQL_EVENTS_FETCH_INTERVAL}, 1 s)
 * @param leaseDuration           how long a claim lasts without a heartbeat (renewed every third of it); after a
 *                                crash, events are picked up by another instance within this (15 s)
 * @param gracePeriod             how long a graceful stop waits for in-flight deliveries before releasing them (10 s)
 * @param responseTruncationLimit response body characters kept in invocation logs (10,000)
 * @param deliveryConnections     connections of the deliverer's own pool (claims, lease renewals, outcomes) (4)
 * @param cleanup                 scheduled cleanup of old delivered events, if any
 * @param environment             where {@code webhook_from_env} / {@code value_from_env} are read
 * @param functions               Funqy function name to URL
 */
public record TriggersConfig(
        String instanceId,
        int httpPoolSize,
        int fetchBatchSize,
        Duration pollInterval,
        Duration leaseDuration,
        Duration gracePeriod,
        int responseTruncationLimit,
        int deliveryConnections,
        Optional<ScheduledCleanup> cleanup,
        Environment environment,
        FunctionEndpoints functions) {

    /** Run {@code request} every {@code interval}. */
    public record ScheduledCleanup(CleanupRequest request, Duration interval) {
    }

    public TriggersConfig {
        if (httpPoolSize <= 0 || fetchBatchSize <= 0 || responseTruncationLimit < 0 || deliveryConnections <= 0) {
            throw new IllegalArgumentException("httpPoolSize and fetchBatchSize must be positive");
        }
        if (leaseDuration.toMillis() < 300) {
            throw new IllegalArgumentException("leaseDuration must be at least 300 ms");
        }
    }

    public static TriggersConfig defaults() {
        return new TriggersConfig("tf-" + UUID.randomUUID(), 100, 100, Duration.ofSeconds(1), Duration.ofSeconds(15),
                Duration.ofSeconds(10), 10_000, 4, Optional.empty(), Environment.system(), FunctionEndpoints.NONE);
    }

    public TriggersConfig withInstanceId(String id) {
        return new TriggersConfig(id, httpPoolSize, fetchBatchSize, pollInterval, leaseDuration, gracePeriod,
                responseTruncationLimit, deliveryConnections, cleanup, environment, functions);
    }

    public TriggersConfig withHttpPoolSize(int size) {
        return new TriggersConfig(instanceId, size, fetchBatchSize, pollInterval, leaseDuration, gracePeriod,
                responseTruncationLimit, deliveryConnections, cleanup, environment, functions);
    }

    public TriggersConfig withFetchBatchSize(int size) {
        return new TriggersConfig(instanceId, httpPoolSize, size, pollInterval, leaseDuration, gracePeriod,
                responseTruncationLimit, deliveryConnections, cleanup, environment, functions);
    }

    public TriggersConfig withPollInterval(Duration interval) {
        return new TriggersConfig(instanceId, httpPoolSize, fetchBatchSize, interval, leaseDuration, gracePeriod,
                responseTruncationLimit, deliveryConnections, cleanup, environment, functions);
    }

    public TriggersConfig withLeaseDuration(Duration lease) {
        return new TriggersConfig(instanceId, httpPoolSize, fetchBatchSize, pollInterval, lease, gracePeriod,
                responseTruncationLimit, deliveryConnections, cleanup, environment, functions);
    }

    public TriggersConfig withGracePeriod(Duration grace) {
        return new TriggersConfig(instanceId, httpPoolSize, fetchBatchSize, pollInterval, leaseDuration, grace,
                responseTruncationLimit, deliveryConnections, cleanup, environment, functions);
    }

    public TriggersConfig withResponseTruncationLimit(int limit) {
        return new TriggersConfig(instanceId, httpPoolSize, fetchBatchSize, pollInterval, leaseDuration, gracePeriod,
                limit, deliveryConnections, cleanup, environment, functions);
    }

    public TriggersConfig withDeliveryConnections(int connections) {
        return new TriggersConfig(instanceId, httpPoolSize, fetchBatchSize, pollInterval, leaseDuration, gracePeriod,
                responseTruncationLimit, connections, cleanup, environment, functions);
    }

    public TriggersConfig withCleanup(ScheduledCleanup scheduled) {
        return new TriggersConfig(instanceId, httpPoolSize, fetchBatchSize, pollInterval, leaseDuration, gracePeriod,
                responseTruncationLimit, deliveryConnections, Optional.ofNullable(scheduled), environment, functions);
    }

    public TriggersConfig withEnvironment(Environment env) {
        return new TriggersConfig(instanceId, httpPoolSize, fetchBatchSize, pollInterval, leaseDuration, gracePeriod,
                responseTruncationLimit, deliveryConnections, cleanup, env, functions);
    }

    public TriggersConfig withFunctions(FunctionEndpoints endpoints) {
        return new TriggersConfig(instanceId, httpPoolSize, fetchBatchSize, pollInterval, leaseDuration, gracePeriod,
                responseTruncationLimit, deliveryConnections, cleanup, environment, endpoints);
    }
}
