package poolkit.benchmark;

/** Turns raw samples into the figures a report shows. */
public final class Statistics {

    private Statistics() {
    }

    /**
     * Percentiles p50, p95, p99 and the maximum of latencies, by nearest rank: percentile p is the value at position
     * ceil(p / 100 * n) of the sorted samples (counting from 1). The caller's array is left as it was.
     *
     * @throws IllegalArgumentException when there are no samples
     */
    public static LatencySummary latencies(long[] nanos) {
        throw NotImplemented.task(1, "sort a copy of the samples and pick the nearest-rank percentiles");
    }

    /**
     * The smallest, median and largest of repeated measurements; with an even count the median is the mean of the
     * two middle values.
     *
     * @throws IllegalArgumentException when there are no values
     */
    public static Spread spread(double... values) {
        throw NotImplemented.task(1, "the min, median and max of the values");
    }
}
