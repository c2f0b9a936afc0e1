package io.threefactor.triggers.definition;

/** Hasura's {@code retry_conf}, with Hasura's defaults. */
public record RetryConf(int numRetries, int intervalSec, int timeoutSec) {
    public static final RetryConf DEFAULT = new RetryConf(0, 10, 60);

    public RetryConf {
        if (numRetries < 0 || intervalSec < 0 || timeoutSec <= 0) {
            throw new InvalidDefinitionException("retry_conf: num_retries and interval_sec must be >= 0, timeout_sec > 0");
        }
    }
}
