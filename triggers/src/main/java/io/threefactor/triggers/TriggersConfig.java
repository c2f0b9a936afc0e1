package io.threefactor.triggers;

import io.threefactor.triggers.api.CleanupRequest;
import io.threefactor.triggers.target.Environment;
import io.threefactor.triggers.target.FunctionEndpoints;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Settings of the event trigger subsystem; the engine maps its environment variables and properties onto it.
 * Build one with {@link #builder()} (defaults in parentheses below) or change one with {@link #toBuilder()}.
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
 * @param stringifyNumericTypes   bigint, numeric, double precision and money in event payloads as strings
 *                                ({@code HASURA_GRAPHQL_STRINGIFY_NUMERIC_TYPES}, false)
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
        FunctionEndpoints functions,
        boolean stringifyNumericTypes) {

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

    /** A builder holding the defaults above; set only what differs. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration, to change some of it. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** One setter per option; the fields start at the documented defaults. */
    public static final class Builder {
        // A fresh id per builder, so instances built separately never share leases by accident.
        private String instanceId = "tf-" + UUID.randomUUID();
        private int httpPoolSize = 100;
        private int fetchBatchSize = 100;
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration leaseDuration = Duration.ofSeconds(15);
        private Duration gracePeriod = Duration.ofSeconds(10);
        private int responseTruncationLimit = 10_000;
        private int deliveryConnections = 4;
        private Optional<ScheduledCleanup> cleanup = Optional.empty();
        private Environment environment = Environment.system();
        private FunctionEndpoints functions = FunctionEndpoints.NONE;
        private boolean stringifyNumericTypes;

        private Builder() {
        }

        private Builder(TriggersConfig from) {
            instanceId = from.instanceId;
            httpPoolSize = from.httpPoolSize;
            fetchBatchSize = from.fetchBatchSize;
            pollInterval = from.pollInterval;
            leaseDuration = from.leaseDuration;
            gracePeriod = from.gracePeriod;
            responseTruncationLimit = from.responseTruncationLimit;
            deliveryConnections = from.deliveryConnections;
            cleanup = from.cleanup;
            environment = from.environment;
            functions = from.functions;
            stringifyNumericTypes = from.stringifyNumericTypes;
        }

        public Builder instanceId(String id) {
            instanceId = id;
            return this;
        }

        public Builder httpPoolSize(int size) {
            httpPoolSize = size;
            return this;
        }

        public Builder fetchBatchSize(int size) {
            fetchBatchSize = size;
            return this;
        }

        public Builder pollInterval(Duration interval) {
            pollInterval = interval;
            return this;
        }

        public Builder leaseDuration(Duration lease) {
            leaseDuration = lease;
            return this;
        }

        public Builder gracePeriod(Duration grace) {
            gracePeriod = grace;
            return this;
        }

        public Builder responseTruncationLimit(int limit) {
            responseTruncationLimit = limit;
            return this;
        }

        public Builder deliveryConnections(int connections) {
            deliveryConnections = connections;
            return this;
        }

        /** {@code null}: no scheduled cleanup. */
        public Builder cleanup(ScheduledCleanup scheduled) {
            cleanup = Optional.ofNullable(scheduled);
            return this;
        }

        public Builder environment(Environment env) {
            environment = env;
            return this;
        }

        public Builder functions(FunctionEndpoints endpoints) {
            functions = endpoints;
            return this;
        }

        public Builder stringifyNumericTypes(boolean stringify) {
            stringifyNumericTypes = stringify;
            return this;
        }

        /** @throws IllegalArgumentException if a size or limit is out of range or the lease is under 300 ms */
        public TriggersConfig build() {
            return new TriggersConfig(instanceId, httpPoolSize, fetchBatchSize, pollInterval, leaseDuration,
                    gracePeriod, responseTruncationLimit, deliveryConnections, cleanup, environment, functions,
                    stringifyNumericTypes);
        }
    }
}
