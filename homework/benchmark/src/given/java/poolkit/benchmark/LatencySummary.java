package poolkit.benchmark;

/**
 * GIVEN: a latency distribution read at the points a report shows, in nanoseconds, as {@link Statistics#latencies}
 * reads it from a histogram. Percentile p is the latency that p % of the recorded requests did not exceed (to the
 * histogram's precision). p99.9 and max are where a stall shows first: one request in a thousand is a user every few
 * seconds on a busy service.
 */
public record LatencySummary(long p50, long p90, long p99, long p999, long max) {

    /** For an empty histogram: a run in which no request succeeded. */
    public static final LatencySummary NONE = new LatencySummary(0, 0, 0, 0, 0);

    /** Nanoseconds to milliseconds, for reports. */
    public static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
