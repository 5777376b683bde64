package poolkit.monitoring;

import java.time.Duration;

/**
 * GIVEN: what a pool's {@link PoolMetrics} counted up to one moment. Every field is a running total since the pool
 * was created; durations are in nanoseconds.
 *
 * <p>A snapshot is <em>consistent</em>: an event is never counted before the event that must precede it, so
 * {@code released <= acquired} and {@code closed <= created} hold in every snapshot, however busy the pool is; and
 * no event is counted without its duration, so no average is below the shortest event counted.
 *
 * @param acquired          {@code getConnection()} calls that returned a connection
 * @param released          connections given back (handles closed)
 * @param timeouts          {@code getConnection()} calls that gave up after {@code connectionTimeout}
 * @param failedConnects    attempts to open a physical connection that failed
 * @param created           physical connections opened
 * @param closed            physical connections the pool closed (retired, broken, or at pool close)
 * @param queries           statements executed through the pool's connections
 * @param totalWaitNanos    time spent in {@code getConnection()} calls that ended with a connection or a timeout
 * @param totalHeldNanos    time borrowers held the connections they gave back
 * @param totalConnectNanos time spent opening the physical connections that were created
 */
public record MetricsSnapshot(long acquired, long released, long timeouts, long failedConnects, long created,
                              long closed, long queries, long totalWaitNanos, long totalHeldNanos,
                              long totalConnectNanos) {

    /** Nothing happened yet. */
    public static final MetricsSnapshot EMPTY = new MetricsSnapshot(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Calls of {@code getConnection()} that ended with a connection or with a timeout. */
    public long acquisitionAttempts() {
        return acquired + timeouts;
    }

    /** The share of acquisition attempts that timed out, from 0.0 to 1.0; 0.0 before the first attempt. */
    public double timeoutRate() {
        long attempts = acquisitionAttempts();
        return attempts == 0 ? 0.0 : (double) timeouts / attempts;
    }

    /** The mean time a {@code getConnection()} call waited (timeouts included); zero before the first attempt. */
    public Duration averageWait() {
        long attempts = acquisitionAttempts();
        return attempts == 0 ? Duration.ZERO : Duration.ofNanos(totalWaitNanos / attempts);
    }

    /** Connections lent out and not given back yet, as far as the counters know. */
    public long inUse() {
        return acquired - released;
    }
}
