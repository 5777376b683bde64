package poolkit.priority;

import java.time.Duration;

/**
 * How a {@link PriorityPool} is sized, timed, and how it ranks its borrowers. Build one with {@link #builder()}; every
 * value not set keeps the default. The defaults follow the lesson's trading system: regular work (recording trades)
 * gives up after 500 ms, critical work (risk checks) waits up to 2 s.
 *
 * @param minConnections    connections opened at start (0 or more)
 * @param maxConnections    the most physical connections the pool ever has open at once (1 or more)
 * @param connectionTimeout how long a REGULAR borrower waits for a connection before it gives up
 * @param criticalTimeout   how long a CRITICAL borrower waits for a connection before it gives up
 * @param criticalReserve   connections kept free for CRITICAL borrowers: a REGULAR borrower is served only while
 *                          more than this many connections are free (0 = no reserve; at most maxConnections - 1)
 * @param maxPassOvers      how many times a waiting REGULAR borrower may be passed over by CRITICAL ones before it is
 *                          served next (1 or more): the pool's promise that regular work is never starved
 */
public record PriorityPoolConfig(int minConnections, int maxConnections, Duration connectionTimeout,
                                 Duration criticalTimeout, int criticalReserve, int maxPassOvers) {

    public static final int DEFAULT_MIN_CONNECTIONS = 5;
    public static final int DEFAULT_MAX_CONNECTIONS = 20;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofMillis(500);
    public static final Duration DEFAULT_CRITICAL_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_CRITICAL_RESERVE = 2;
    public static final int DEFAULT_MAX_PASS_OVERS = 4;

    /** Rejects a configuration no pool could honour, naming the field and the value. */
    public PriorityPoolConfig {
        // Given: the checks exercise 1 already taught.
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, but was " + maxConnections);
        }
        if (minConnections < 0 || minConnections > maxConnections) {
            throw new IllegalArgumentException("minConnections must be between 0 and maxConnections ("
                    + maxConnections + "), but was " + minConnections);
        }
        requirePositive("connectionTimeout", connectionTimeout);

        requirePositive("criticalTimeout", criticalTimeout);
        if (criticalReserve < 0) {
            throw new IllegalArgumentException("criticalReserve must not be negative, but was " + criticalReserve);
        }
        if (criticalReserve >= maxConnections) {
            throw new IllegalArgumentException("criticalReserve (" + criticalReserve
                    + ") must be less than maxConnections (" + maxConnections
                    + "): regular borrowers need at least one connection they may take");
        }
        if (maxPassOvers < 1) {
            throw new IllegalArgumentException("maxPassOvers must be at least 1, but was " + maxPassOvers
                    + ": a regular borrower must be served after being passed over that many times");
        }
    }

    private static void requirePositive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be a positive duration, but was " + value);
        }
    }

    /** How long a borrower of this priority waits before it gives up. */
    public Duration timeoutFor(Priority priority) {
        return priority == Priority.CRITICAL ? criticalTimeout : connectionTimeout;
    }

    /** The defaults, unchanged. */
    public static PriorityPoolConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this configuration. */
    public Builder toBuilder() {
        return new Builder().minConnections(minConnections).maxConnections(maxConnections)
                .connectionTimeout(connectionTimeout).criticalTimeout(criticalTimeout)
                .criticalReserve(criticalReserve).maxPassOvers(maxPassOvers);
    }

    /** Collects values; {@link #build()} validates them all at once. */
    public static final class Builder {
        private int minConnections = DEFAULT_MIN_CONNECTIONS;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
        private Duration criticalTimeout = DEFAULT_CRITICAL_TIMEOUT;
        private int criticalReserve = DEFAULT_CRITICAL_RESERVE;
        private int maxPassOvers = DEFAULT_MAX_PASS_OVERS;

        private Builder() {
        }

        public Builder minConnections(int value) {
            this.minConnections = value;
            return this;
        }

        public Builder maxConnections(int value) {
            this.maxConnections = value;
            return this;
        }

        public Builder connectionTimeout(Duration value) {
            this.connectionTimeout = value;
            return this;
        }

        public Builder criticalTimeout(Duration value) {
            this.criticalTimeout = value;
            return this;
        }

        public Builder criticalReserve(int value) {
            this.criticalReserve = value;
            return this;
        }

        public Builder maxPassOvers(int value) {
            this.maxPassOvers = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid field */
        public PriorityPoolConfig build() {
            return new PriorityPoolConfig(minConnections, maxConnections, connectionTimeout, criticalTimeout,
                    criticalReserve, maxPassOvers);
        }
    }
}
