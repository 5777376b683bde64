package poolkit.health;

import poolkit.basic.ConnectionPool;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Refill to minConnections, with exponential backoff while connects fail. Runs on the health checker's one thread
 * only, so its backoff state is two plain fields: the next pause, and the moment before which no attempt is made.
 */
final class Refill {

    private final HealthConfig config;
    private final ConnectionPool core;
    private final HealthCounters counters;
    private final BiConsumer<String, Throwable> log;

    private long backoffNanos;
    private long nextAttemptAt;
    private boolean backingOff;

    Refill(HealthConfig config, ConnectionPool core, HealthCounters counters, BiConsumer<String, Throwable> log) {
        this.config = config;
        this.core = core;
        this.counters = counters;
        this.log = log;
        this.backoffNanos = config.refillBackoffInitial().toNanos();
    }

    void refillToMin() {
        if (backingOff && System.nanoTime() - nextAttemptAt < 0) {
            return; // the last attempt failed and its pause is not over yet
        }
        while (core.stats().total() < config.minConnections()) { // lent connections count too
            try {
                if (!core.addConnection()) {
                    return; // closed, or at maxConnections
                }
            } catch (SQLException e) {
                backOff(e);
                return;
            }
            counters.refilled();
            backingOff = false;
            backoffNanos = config.refillBackoffInitial().toNanos(); // the database answers again: start over
        }
    }

    private void backOff(SQLException failure) {
        backingOff = true;
        nextAttemptAt = System.nanoTime() + backoffNanos;
        log.accept("could not refill the pool to minConnections (" + config.minConnections() + "); next attempt in "
                + TimeUnit.NANOSECONDS.toMillis(backoffNanos) + " ms", failure);
        long max = config.refillBackoffMax().toNanos();
        backoffNanos = backoffNanos > max / 2 ? max : backoffNanos * 2; // doubled, capped, and never overflowing
    }
}
