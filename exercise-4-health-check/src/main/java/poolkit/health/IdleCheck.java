package poolkit.health;

import poolkit.basic.ConnectionPool;

/**
 * YOUR HEALTH CHECK (Task 5): one sweep over the pool's idle connections. The health checker runs it every
 * healthCheckInterval, and {@link HealthCheckedPool#runHealthCheck()} runs it on demand.
 */
final class IdleCheck {

    private final ConnectionPool core;
    private final ConnectionValidator validator;
    private final HealthCounters counters;

    IdleCheck(ConnectionPool core, ConnectionValidator validator, HealthCounters counters) {
        this.core = core;
        this.validator = validator;
        this.counters = counters;
    }

    /**
     * TASK 5: check the idle connections once, now, with {@link ConnectionPool#checkIdle}: it closes those past
     * maxLifetime and those idle past idleTimeout (keeping minConnections), and tests every other idle one with
     * the test you give it, after taking it out of the idle set, so no borrower can get a connection while it is
     * being tested, and without holding its lock, so borrowers are not blocked meanwhile.
     * <ul>
     *   <li>the test is a validation with {@link #validator}: count each one with
     *       {@code counters.validated(alive)};</li>
     *   <li>count the completed check with {@code counters.checkCompleted()}.</li>
     * </ul>
     * Evictions are counted for you: every connection the core closes while the pool is open is one.
     */
    void run() {
        throw NotImplemented.task(5, "check the idle connections in IdleCheck.run()");
    }
}
