package poolkit.monitoring;

import poolkit.basic.PoolHooks;

import java.util.Objects;

/**
 * Records each event the reference pool reports in {@link PoolMetrics}: one counter per event, and the duration
 * the pool measured in the timer that belongs to it. {@link PoolHooks#canLend} keeps its default: metrics never
 * stop the pool from lending.
 */
public final class MetricsHooks implements PoolHooks {

    private final PoolMetrics metrics;

    public MetricsHooks(PoolMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void connectionOpened(long connectNanos) {
        metrics.created(connectNanos);
    }

    /** Any failure to connect counts, whatever its type: a driver's RuntimeException leaves the pool short too. */
    @Override
    public void connectFailed(Exception cause) {
        metrics.connectFailed();
    }

    @Override
    public void connectionClosed() {
        metrics.closed();
    }

    @Override
    public void acquired(long waitNanos) {
        metrics.acquired(waitNanos);
    }

    @Override
    public void timedOut(long waitNanos) {
        metrics.timedOut(waitNanos);
    }

    @Override
    public void released(long heldNanos) {
        metrics.released(heldNanos);
    }
}
