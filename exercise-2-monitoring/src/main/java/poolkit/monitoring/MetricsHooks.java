package poolkit.monitoring;

import poolkit.basic.PoolHooks;

import java.util.Objects;

/**
 * YOUR HOOKS (Task 2): the reference pool calls these methods as things happen to it, on the thread where they
 * happen, with the durations it measured; each one records its event in {@link PoolMetrics}. {@link MonitoredPool}
 * (given) makes the pool with these hooks, so this class is the only thing between the pool and its metrics.
 *
 * <p>Decide for each event which counter it moves and which duration goes with it (README, Task 2). Leave
 * {@link PoolHooks#canLend} alone: its default lets the pool lend every open connection, and recording metrics is
 * no reason to refuse one.
 */
public final class MetricsHooks implements PoolHooks {

    private final PoolMetrics metrics;

    public MetricsHooks(PoolMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** TASK 2: the pool opened a physical connection, and the connect took {@code connectNanos}. */
    @Override
    public void connectionOpened(long connectNanos) {
        throw NotImplemented.task(2, "record an opened connection in MetricsHooks.connectionOpened()");
    }

    /** TASK 2: opening a physical connection failed, with whatever exception {@code cause} is. */
    @Override
    public void connectFailed(Exception cause) {
        throw NotImplemented.task(2, "record a failed connect in MetricsHooks.connectFailed()");
    }

    /** TASK 2: the pool closed one of its physical connections (retired, broken, or at pool close). */
    @Override
    public void connectionClosed() {
        throw NotImplemented.task(2, "record a closed connection in MetricsHooks.connectionClosed()");
    }

    /** TASK 2: {@code getConnection()} lent a connection after waiting {@code waitNanos} from the call. */
    @Override
    public void acquired(long waitNanos) {
        throw NotImplemented.task(2, "record an acquisition in MetricsHooks.acquired()");
    }

    /** TASK 2: {@code getConnection()} gave up after waiting {@code waitNanos}. */
    @Override
    public void timedOut(long waitNanos) {
        throw NotImplemented.task(2, "record a timeout in MetricsHooks.timedOut()");
    }

    /** TASK 2: a borrower gave its connection back after holding it for {@code heldNanos}. */
    @Override
    public void released(long heldNanos) {
        throw NotImplemented.task(2, "record a release in MetricsHooks.released()");
    }
}
