package poolkit.health;

import java.time.Duration;

/**
 * How a {@link HealthCheckedPool} is sized, timed and kept healthy. Build one with {@link #builder()}; every value
 * not set keeps its default.
 *
 * @param poolName              names the pool's background threads: {@code poolkit-health-<poolName>...}
 * @param minConnections        connections opened at start, and restored in the background after removals
 * @param maxConnections        the most physical connections the pool ever has open at once
 * @param connectionTimeout     how long {@code getConnection()} waits for a connection before it gives up
 * @param maxLifetime           a connection older than this is closed and replaced
 * @param idleTimeout           a connection idle longer than this is closed, as long as the pool keeps minConnections
 * @param healthCheckInterval   the pause between two background health checks
 * @param validationTimeout     how long one validation may take before the connection counts as dead
 * @param validationQuery       the query that validates a connection, or null to use {@code Connection.isValid}
 * @param validateOnBorrowAfter a connection idle longer than this is validated before it is lent (zero: always)
 * @param refillBackoffInitial  after a failed refill, the pause before the next attempt; it doubles after each
 *                              further failure
 * @param refillBackoffMax      the longest pause between two refill attempts
 */
public record HealthConfig(String poolName, int minConnections, int maxConnections, Duration connectionTimeout,
                           Duration maxLifetime, Duration idleTimeout, Duration healthCheckInterval,
                           Duration validationTimeout, String validationQuery, Duration validateOnBorrowAfter,
                           Duration refillBackoffInitial, Duration refillBackoffMax) {

    public static final String DEFAULT_POOL_NAME = "pool";
    public static final int DEFAULT_MIN_CONNECTIONS = 5;
    public static final int DEFAULT_MAX_CONNECTIONS = 20;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_HEALTH_CHECK_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_VALIDATION_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_VALIDATE_ON_BORROW_AFTER = Duration.ofMillis(500);
    public static final Duration DEFAULT_REFILL_BACKOFF_INITIAL = Duration.ofMillis(250);
    public static final Duration DEFAULT_REFILL_BACKOFF_MAX = Duration.ofSeconds(30);

    /**
     * TASK 1: the sizing and timing checks of Exercise 1 are given: the first line has the pool core's
     * {@code PoolConfig} check them. Add the health settings' checks: throw an {@link IllegalArgumentException} whose
     * message names the field and the value it got, when:
     * <ul>
     *   <li>poolName is null or blank (it names the pool's threads);</li>
     *   <li>healthCheckInterval, validationTimeout or refillBackoffInitial is null, zero or negative;</li>
     *   <li>validationQuery is blank (null is fine: it means "use Connection.isValid");</li>
     *   <li>validateOnBorrowAfter is null or negative (zero is fine: it means "validate every borrow");</li>
     *   <li>refillBackoffMax is null, or shorter than refillBackoffInitial (name both fields).</li>
     * </ul>
     * A record's compact constructor runs before its fields are set: check the parameters themselves. Write small
     * helpers of your own for the repeated checks.
     */
    public HealthConfig {
        CoreConfig.of(minConnections, maxConnections, connectionTimeout, maxLifetime, idleTimeout);
        throw NotImplemented.task(1, "validate the health settings in the HealthConfig constructor");
    }

    /** The defaults, unchanged. */
    public static HealthConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this configuration. */
    public Builder toBuilder() {
        return new Builder().poolName(poolName).minConnections(minConnections).maxConnections(maxConnections)
                .connectionTimeout(connectionTimeout).maxLifetime(maxLifetime).idleTimeout(idleTimeout)
                .healthCheckInterval(healthCheckInterval).validationTimeout(validationTimeout)
                .validationQuery(validationQuery).validateOnBorrowAfter(validateOnBorrowAfter)
                .refillBackoffInitial(refillBackoffInitial).refillBackoffMax(refillBackoffMax);
    }

    /** Collects values; {@link #build()} validates them all at once. */
    public static final class Builder {
        private String poolName = DEFAULT_POOL_NAME;
        private int minConnections = DEFAULT_MIN_CONNECTIONS;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
        private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration healthCheckInterval = DEFAULT_HEALTH_CHECK_INTERVAL;
        private Duration validationTimeout = DEFAULT_VALIDATION_TIMEOUT;
        private String validationQuery;
        private Duration validateOnBorrowAfter = DEFAULT_VALIDATE_ON_BORROW_AFTER;
        private Duration refillBackoffInitial = DEFAULT_REFILL_BACKOFF_INITIAL;
        private Duration refillBackoffMax = DEFAULT_REFILL_BACKOFF_MAX;

        private Builder() {
        }

        public Builder poolName(String value) {
            this.poolName = value;
            return this;
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

        public Builder healthCheckInterval(Duration value) {
            this.healthCheckInterval = value;
            return this;
        }

        public Builder validationTimeout(Duration value) {
            this.validationTimeout = value;
            return this;
        }

        /** A query such as {@code SELECT 1}; null (the default) validates with {@code Connection.isValid}. */
        public Builder validationQuery(String value) {
            this.validationQuery = value;
            return this;
        }

        public Builder validateOnBorrowAfter(Duration value) {
            this.validateOnBorrowAfter = value;
            return this;
        }

        public Builder refillBackoffInitial(Duration value) {
            this.refillBackoffInitial = value;
            return this;
        }

        public Builder refillBackoffMax(Duration value) {
            this.refillBackoffMax = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid field */
        public HealthConfig build() {
            return new HealthConfig(poolName, minConnections, maxConnections, connectionTimeout, maxLifetime,
                    idleTimeout, healthCheckInterval, validationTimeout, validationQuery, validateOnBorrowAfter,
                    refillBackoffInitial, refillBackoffMax);
        }
    }
}
