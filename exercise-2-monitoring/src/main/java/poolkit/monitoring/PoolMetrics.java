package poolkit.monitoring;

/**
 * YOUR RECORDER (Task 1): counts what happens to a pool, from any number of threads at once.
 *
 * <p>Requirements (README, Task 1):
 * <ul>
 *   <li>recording is lock-free and cheap: fifty borrowers record at the same moment without queueing behind a lock
 *       ({@link java.util.concurrent.atomic.LongAdder} or {@link java.util.concurrent.atomic.AtomicLong});</li>
 *   <li>no count is ever lost;</li>
 *   <li>{@link #snapshot()} is cheap and consistent: {@code released <= acquired} and {@code closed <= created}
 *       in every snapshot, even while other threads record, and every event it counts has its duration in the
 *       totals (no average below the shortest event);</li>
 *   <li>a negative duration is refused with an {@link IllegalArgumentException} naming it, and counts nothing.</li>
 * </ul>
 * Durations are in nanoseconds, measured by the caller with {@code System.nanoTime()} differences.
 */
public final class PoolMetrics {

    /** A {@code getConnection()} call returned a connection after waiting {@code waitNanos}. */
    public void acquired(long waitNanos) {
        throw NotImplemented.task(1, "count an acquisition and its wait in PoolMetrics.acquired()");
    }

    /** A {@code getConnection()} call gave up after waiting {@code waitNanos}. */
    public void timedOut(long waitNanos) {
        throw NotImplemented.task(1, "count a timeout and its wait in PoolMetrics.timedOut()");
    }

    /** A borrower gave its connection back after holding it {@code heldNanos}. */
    public void released(long heldNanos) {
        throw NotImplemented.task(1, "count a release and the time held in PoolMetrics.released()");
    }

    /** A physical connection was opened, which took {@code connectNanos}. */
    public void created(long connectNanos) {
        throw NotImplemented.task(1, "count a created connection and its connect time in PoolMetrics.created()");
    }

    /** Opening a physical connection failed. */
    public void connectFailed() {
        throw NotImplemented.task(1, "count a failed connect in PoolMetrics.connectFailed()");
    }

    /** The pool closed a physical connection. */
    public void closed() {
        throw NotImplemented.task(1, "count a closed connection in PoolMetrics.closed()");
    }

    /** A statement was executed through one of the pool's connections. */
    public void queryExecuted() {
        throw NotImplemented.task(1, "count a query in PoolMetrics.queryExecuted()");
    }

    /**
     * The counts so far, as one consistent {@link MetricsSnapshot}. Think about the order in which you read the
     * counters, compared with the order in which events are recorded (README, Task 1, hint 2).
     */
    public MetricsSnapshot snapshot() {
        throw NotImplemented.task(1, "take a consistent snapshot in PoolMetrics.snapshot()");
    }
}
