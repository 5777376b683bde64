package poolkit.health;

import java.util.concurrent.atomic.AtomicLong;

/**
 * GIVEN: the counts behind {@link HealthCheckedPool#events()}. Safe to call from any thread: borrowers, the health
 * checker and the core's hooks all count here at the same time.
 */
final class HealthCounters {

    private final AtomicLong checks = new AtomicLong();
    private final AtomicLong validations = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();
    private final AtomicLong refills = new AtomicLong();

    /** One validation of one connection, by the health check or on borrow; {@code alive} is what it found. */
    void validated(boolean alive) {
        validations.incrementAndGet();
        if (!alive) {
            failures.incrementAndGet();
        }
    }

    /** One health check (a sweep over the idle connections) completed. */
    void checkCompleted() {
        checks.incrementAndGet();
    }

    /** One connection opened by the refill. */
    void refilled() {
        refills.incrementAndGet();
    }

    /** One connection closed by the core while the pool is open. Called by the pool's hooks, not by your code. */
    void evicted() {
        evictions.incrementAndGet();
    }

    HealthEvents snapshot() {
        return new HealthEvents(checks.get(), validations.get(), failures.get(), evictions.get(), refills.get());
    }
}
