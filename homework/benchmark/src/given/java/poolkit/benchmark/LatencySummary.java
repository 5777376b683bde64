package poolkit.benchmark;

/**
 * GIVEN: the latency of a run's successful requests, in nanoseconds, as {@link Statistics#latencies} computes it.
 * A percentile p is the smallest recorded latency that at least p % of the requests did not exceed (nearest rank).
 */
public record LatencySummary(long p50, long p95, long p99, long max) {

    /** For a run in which no request succeeded. */
    public static final LatencySummary NONE = new LatencySummary(0, 0, 0, 0);

    /** Nanoseconds to milliseconds, for reports. */
    public static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
