package poolkit.benchmark;

import org.HdrHistogram.Histogram;

/** How latencies are recorded (an HdrHistogram), how a report reads them, and how repeated runs are condensed. */
public final class Statistics {

    private Statistics() {
    }

    /**
     * A new, empty histogram for latencies in nanoseconds: it must take any latency from 1 ns to at least an hour
     * without an exception (a request may wait out a 30 s pool timeout, or a stalled database), and keep 3
     * significant digits, so that a value read back is within 0.1 % of the one recorded.
     */
    public static Histogram newHistogram() {
        throw NotImplemented.task(1, "create a histogram for nanosecond latencies: 1 ns to an hour, 3 digits");
    }

    /**
     * The latencies a report shows: p50, p90, p99, p99.9 and the largest recorded value, in nanoseconds, read from
     * {@code histogram} without changing it. Percentile p is the value that p % of the recorded values do not exceed.
     * An empty histogram (no request succeeded) gives {@link LatencySummary#NONE}.
     */
    public static LatencySummary latencies(Histogram histogram) {
        throw NotImplemented.task(1, "read p50, p90, p99, p99.9 and max from the histogram");
    }

    /**
     * The smallest, median and largest of repeated measurements; with an even count the median is the mean of the
     * two middle values. The caller's array is left as it was.
     *
     * @throws IllegalArgumentException when there are no values
     */
    public static Spread spread(double... values) {
        throw NotImplemented.task(1, "the min, median and max of the values");
    }
}
