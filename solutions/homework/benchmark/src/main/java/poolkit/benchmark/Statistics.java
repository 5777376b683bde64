package poolkit.benchmark;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** How latencies are recorded (an HdrHistogram), how a report reads them, and how repeated runs are condensed. */
public final class Statistics {

    /** Three significant digits: a value read back is within 0.1 % of the one recorded. */
    private static final int SIGNIFICANT_DIGITS = 3;

    private Statistics() {
    }

    /**
     * A new, empty histogram for latencies in nanoseconds: it must take any latency from 1 ns to at least an hour
     * without an exception (a request may wait out a 30 s pool timeout, or a stalled database), and keep 3
     * significant digits, so that a value read back is within 0.1 % of the one recorded.
     */
    public static Histogram newHistogram() {
        // Sized for an hour from the start; it also grows if a value is larger still, rather than throwing.
        Histogram histogram = new Histogram(TimeUnit.HOURS.toNanos(1), SIGNIFICANT_DIGITS);
        histogram.setAutoResize(true);
        return histogram;
    }

    /**
     * The latencies a report shows: p50, p90, p99, p99.9 and the largest recorded value, in nanoseconds, read from
     * {@code histogram} without changing it. Percentile p is the value that p % of the recorded values do not exceed.
     * An empty histogram (no request succeeded) gives {@link LatencySummary#NONE}.
     */
    public static LatencySummary latencies(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return LatencySummary.NONE;
        }
        // HdrHistogram takes percentiles from 0 to 100 (not fractions), and answers with the highest value that is
        // equivalent (to its precision) to the one recorded at that rank.
        return new LatencySummary(histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
    }

    /**
     * The smallest, median and largest of repeated measurements; with an even count the median is the mean of the
     * two middle values. The caller's array is left as it was.
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
