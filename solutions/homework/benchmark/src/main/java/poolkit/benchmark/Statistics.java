package poolkit.benchmark;

import java.util.Arrays;

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
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no latencies to summarize: percentiles of an empty set do not exist");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new LatencySummary(nearestRank(sorted, 50), nearestRank(sorted, 95), nearestRank(sorted, 99),
                sorted[sorted.length - 1]);
    }

    private static long nearestRank(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /**
     * The smallest, median and largest of repeated measurements; with an even count the median is the mean of the
     * two middle values.
     *
     * @throws IllegalArgumentException when there are no values
     */
    public static Spread spread(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values: the spread of zero runs does not exist");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Spread(sorted[0], median, sorted[sorted.length - 1]);
    }
}
