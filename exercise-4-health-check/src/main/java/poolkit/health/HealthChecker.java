package poolkit.health;

import java.util.function.BiConsumer;

/**
 * YOUR BACKGROUND THREAD (Task 3): runs the pool's health work every healthCheckInterval, from
 * {@link HealthCheckedPool}'s constructor (which calls {@link #start()} last) until its {@code close()} (which calls
 * {@link #stop()}). Add the fields you need; keep the constructor's parameters and the two methods.
 */
final class HealthChecker {

    private final HealthConfig config;
    private final Runnable healthCheck;
    private final Runnable refill;
    private final BiConsumer<String, Throwable> log;

    /**
     * @param healthCheck the idle check ({@link IdleCheck}, Task 5), to run first in every round
     * @param refill      the refill ({@link Refill}, Task 6), to run after the check in every round
     * @param log         where to report what a round threw: {@code log.accept("what failed", exception)}
     */
    HealthChecker(HealthConfig config, Runnable healthCheck, Runnable refill, BiConsumer<String, Throwable> log) {
        this.config = config;
        this.healthCheck = healthCheck;
        this.refill = refill;
        this.log = log;
    }

    /**
     * TASK 3: start the background work: every healthCheckInterval (the first time one interval after the start),
     * run {@code healthCheck}, then {@code refill}.
     * <ul>
     *   <li>on one thread, a daemon named {@code "poolkit-health-" + config.poolName()} (a suffix such as {@code -1}
     *       is fine), so whoever reads a thread dump knows whose it is and a forgotten pool does not keep the JVM
     *       alive;</li>
     *   <li>nothing may escape a round: catch what {@code healthCheck} throws and report it to {@code log}, then
     *       still run {@code refill} (and catch and report what it throws too). An exception thrown out of a task
     *       given to {@code ScheduledExecutorService.scheduleWithFixedDelay} cancels every later run, silently.</li>
     * </ul>
     */
    void start() {
        throw NotImplemented.task(3, "start the background health checker in HealthChecker.start()");
    }

    /**
     * TASK 3: stop, for the pool's {@code close()}: no new round may start, a round in progress is interrupted, and
     * this method waits for it to end, but not forever (a driver may ignore the interrupt): for example
     * validationTimeout plus a second. The pool core is already closed when this is called, so whatever a late
     * round still opens or validates is closed by the core.
     */
    void stop() {
        throw NotImplemented.task(3, "stop the health checker in HealthChecker.stop()");
    }
}
