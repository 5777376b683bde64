package poolkit.health;

import poolkit.basic.ConnectionPool;

import java.util.function.BiConsumer;

/**
 * YOUR REFILL (Task 6): after connections were evicted, brings the pool back to minConnections, without flooding a
 * database that is down. The health checker runs it after every check, always on its one thread, so the backoff
 * state you add here needs no lock.
 */
final class Refill {

    private final HealthConfig config;
    private final ConnectionPool core;
    private final HealthCounters counters;
    private final BiConsumer<String, Throwable> log;

    Refill(HealthConfig config, ConnectionPool core, HealthCounters counters, BiConsumer<String, Throwable> log) {
        this.config = config;
        this.core = core;
        this.counters = counters;
        this.log = log;
    }

    /**
     * TASK 6: while the pool owns fewer than minConnections, add one with {@link ConnectionPool#addConnection()}
     * and count it with {@code counters.refilled()}.
     * <ul>
     *   <li>count every connection the pool owns, lent ones included ({@code core.stats().total()}), not only the
     *       idle ones: a pool whose connections are all lent is not short of any;</li>
     *   <li>stop when {@code addConnection()} returns false (the pool is closed, or at its limit);</li>
     *   <li>when it throws (the connect failed): report it to {@code log}, stop this round, and make no attempt
     *       before refillBackoffInitial has passed; after each further failure in a row, wait twice as long as the
     *       last time, but never longer than refillBackoffMax; after a success, start again from
     *       refillBackoffInitial. Never throw.</li>
     * </ul>
     */
    void refillToMin() {
        throw NotImplemented.task(6, "refill the pool to minConnections in Refill.refillToMin()");
    }
}
