package poolkit.monitoring;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what happens to a pool, from any number of threads at once, without a lock.
 *
 * <p>Each counter is a {@link LongAdder}: threads that record at the same moment add to different cells instead of
 * fighting over one memory word, so recording stays cheap however many borrowers there are.
 *
 * <p>A snapshot reads many adders one after the other, so it is not one instant. It is still consistent because
 * of the order: every event is counted after the event it depends on (a connection is acquired before it is
 * released, created before it is closed, and its duration is added before its count), and {@link #snapshot()}
 * reads in the opposite order, effects before their causes. Whatever {@code released} shows was preceded by an
 * {@code acquired} increment that the later read of {@code acquired} is bound to see.
 */
public final class PoolMetrics {

    private final LongAdder acquired = new LongAdder();
    private final LongAdder released = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder failedConnects = new LongAdder();
    private final LongAdder created = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final LongAdder queries = new LongAdder();
    private final LongAdder totalWaitNanos = new LongAdder();
    private final LongAdder totalHeldNanos = new LongAdder();
    private final LongAdder totalConnectNanos = new LongAdder();

    /** A {@code getConnection()} call returned a connection after waiting {@code waitNanos}. */
    public void acquired(long waitNanos) {
        totalWaitNanos.add(requireNonNegative("waitNanos", waitNanos));
        acquired.increment();
    }

    /** A {@code getConnection()} call gave up after waiting {@code waitNanos}. */
    public void timedOut(long waitNanos) {
        totalWaitNanos.add(requireNonNegative("waitNanos", waitNanos));
        timeouts.increment();
    }

    /** A borrower gave its connection back after holding it {@code heldNanos}. */
    public void released(long heldNanos) {
        totalHeldNanos.add(requireNonNegative("heldNanos", heldNanos));
        released.increment();
    }

    /** A physical connection was opened, which took {@code connectNanos}. */
    public void created(long connectNanos) {
        totalConnectNanos.add(requireNonNegative("connectNanos", connectNanos));
        created.increment();
    }

    /** Opening a physical connection failed. */
    public void connectFailed() {
        failedConnects.increment();
    }

    /** The pool closed a physical connection. */
    public void closed() {
        closed.increment();
    }

    /** A statement was executed through one of the pool's connections. */
    public void queryExecuted() {
        queries.increment();
    }

    /** The counts so far; cheap, lock-free, and consistent (see the class comment for why the order matters). */
    public MetricsSnapshot snapshot() {
        // Effects first, causes after: released before acquired, closed before created, counts before durations.
        long releasedNow = released.sum();
        long closedNow = closed.sum();
        long acquiredNow = acquired.sum();
        long timeoutsNow = timeouts.sum();
        long createdNow = created.sum();
        long failedNow = failedConnects.sum();
        long queriesNow = queries.sum();
        return new MetricsSnapshot(acquiredNow, releasedNow, timeoutsNow, failedNow, createdNow, closedNow, queriesNow,
                totalWaitNanos.sum(), totalHeldNanos.sum(), totalConnectNanos.sum());
    }

    private static long requireNonNegative(String name, long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException(name + " must not be negative, but was " + nanos
                    + ": measure durations with System.nanoTime() differences, end minus start");
        }
        return nanos;
    }

    @Override
    public String toString() {
        return "PoolMetrics[" + snapshot() + "]";
    }
}
