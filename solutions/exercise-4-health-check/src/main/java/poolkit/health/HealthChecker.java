package poolkit.health;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The pool's background thread: one daemon, {@code poolkit-health-<poolName>}, that every healthCheckInterval runs
 * the idle check and then the refill. A single-thread scheduled executor with a fixed delay between rounds: a round
 * never overlaps the next, so the refill's backoff state belongs to this one thread.
 */
final class HealthChecker {

    private final HealthConfig config;
    private final Runnable healthCheck;
    private final Runnable refill;
    private final BiConsumer<String, Throwable> log;
    private ScheduledExecutorService executor; // set by start(), before any other thread sees this object

    HealthChecker(HealthConfig config, Runnable healthCheck, Runnable refill, BiConsumer<String, Throwable> log) {
        this.config = config;
        this.healthCheck = healthCheck;
        this.refill = refill;
        this.log = log;
    }

    void start() {
        String threadName = "poolkit-health-" + config.poolName();
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true); // a pool someone forgot to close must not keep the JVM alive
            return thread;
        });
        long interval = config.healthCheckInterval().toNanos();
        executor.scheduleWithFixedDelay(this::round, interval, interval, TimeUnit.NANOSECONDS);
    }

    /** One round. An exception escaping from here would silently cancel every later round. */
    private void round() {
        try {
            healthCheck.run();
        } catch (RuntimeException e) {
            log.accept("a health check failed", e);
        }
        try {
            refill.run();
        } catch (RuntimeException e) {
            log.accept("a refill failed", e);
        }
    }

    void stop() {
        executor.shutdownNow(); // no new round; interrupts a round in progress
        try {
            // Bounded: a driver may ignore the interrupt. What a late round still opens or validates, the closed
            // core closes.
            executor.awaitTermination(config.validationTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
