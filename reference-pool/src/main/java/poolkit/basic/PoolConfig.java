package poolkit.basic;

import java.time.Duration;

/**
 * How a {@link ConnectionPool} is sized and timed. Build one with {@link #builder()}; every value not set keeps the
 * default, which is the lesson's: 5 / 20 connections, 30 s to acquire, 30 min lifetime, 10 min idle.
 *
 * @param minConnections    connections opened at start and kept open while idle (0 or more)
 * @param maxConnections    the most physical connections the pool ever has open at once (1 or more)
 * @param connectionTimeout how long {@code getConnection()} waits for a connection before it gives up
 * @param maxLifetime       a connection older than this is closed instead of being lent out again
 * @param idleTimeout       a connection idle longer than this is closed, as long as the pool keeps minConnections
 */
public record PoolConfig(int minConnections, int maxConnections, Duration connectionTimeout, Duration maxLifetime,
                         Duration idleTimeout) {

    public static final int DEFAULT_MIN_CONNECTIONS = 5;
    public static final int DEFAULT_MAX_CONNECTIONS = 20;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

    /** Rejects a configuration no pool could honour, naming the field and the value. */
    public PoolConfig {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, but was " + maxConnections);
        }
        if (minConnections < 0) {
            throw new IllegalArgumentException("minConnections must not be negative, but was " + minConnections);
        }
        if (minConnections > maxConnections) {
            throw new IllegalArgumentException("minConnections (" + minConnections
                    + ") must not be greater than maxConnections (" + maxConnections + ")");
        }
        requirePositive("connectionTimeout", connectionTimeout);
        requirePositive("maxLifetime", maxLifetime);
        requirePositive("idleTimeout", idleTimeout);
    }

    private static void requirePositive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be a positive duration, but was " + value);
        }
    }

    /** The defaults, unchanged. */
    public static PoolConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this configuration. */
    public Builder toBuilder() {
        return new Builder().minConnections(minConnections).maxConnections(maxConnections)
                .connectionTimeout(connectionTimeout).maxLifetime(maxLifetime).idleTimeout(idleTimeout);
    }

    /** Collects values; {@link #build()} validates them all at once. */
    public static final class Builder {
        private int minConnections = DEFAULT_MIN_CONNECTIONS;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
        private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

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

        public Builder maxLifetime(Duration value) {
            this.maxLifetime = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            this.idleTimeout = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid field */
        public PoolConfig build() {
            return new PoolConfig(minConnections, maxConnections, connectionTimeout, maxLifetime, idleTimeout);
        }
    }
}
