package poolkit.health;

import poolkit.basic.PoolConfig;

import java.time.Duration;

/**
 * GIVEN: what the pool core needs from a {@link HealthConfig}. The sizing and timing settings (Exercise 1, Task 1)
 * are the core's own {@link PoolConfig}, checked by its constructor; the health settings are yours (Task 1).
 */
final class CoreConfig {

    private CoreConfig() {
    }

    /**
     * The core's configuration for these settings.
     *
     * @throws IllegalArgumentException naming the first invalid one (for example minConnections above maxConnections)
     */
    static PoolConfig of(int minConnections, int maxConnections, Duration connectionTimeout, Duration maxLifetime,
                         Duration idleTimeout) {
        return new PoolConfig(minConnections, maxConnections, connectionTimeout, maxLifetime, idleTimeout);
    }

    /** The core's configuration for a health-checked pool. */
    static PoolConfig of(HealthConfig config) {
        return of(config.minConnections(), config.maxConnections(), config.connectionTimeout(),
                config.maxLifetime(), config.idleTimeout());
    }
}
