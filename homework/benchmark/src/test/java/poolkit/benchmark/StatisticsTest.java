package poolkit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Task 1: recording latencies in an HdrHistogram, reading the distribution, the spread of runs")
class StatisticsTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    @DisplayName("newHistogram: empty, and it takes 1 ns, a 30 s timeout and a 45 min stall without an exception")
    void histogramTakesEveryLatency() {
        Histogram histogram = Statistics.newHistogram();
        assertThat(histogram.getTotalCount()).as("values in a new histogram").isZero();

        long[] latencies = {1, 250_000, TimeUnit.SECONDS.toNanos(30), TimeUnit.MINUTES.toNanos(45)};
        for (long latency : latencies) {
            try {
                histogram.recordValue(latency);
            } catch (ArrayIndexOutOfBoundsException e) {
                throw new AssertionError("recording a latency of " + latency + " ns failed: the histogram covers only "
                        + "up to " + histogram.getHighestTrackableValue() + " ns. Size it for an hour at least, or "
                        + "let it resize itself (" + e.getMessage() + ")", e);
            }
        }
        assertThat(histogram.getTotalCount()).as("values recorded").isEqualTo(4);
        assertThat(histogram.getMaxValue()).as("largest latency read back, ns (45 min)")
                .isCloseTo(TimeUnit.MINUTES.toNanos(45), withinPermille(TimeUnit.MINUTES.toNanos(45)));
    }

    @Test
    @DisplayName("newHistogram keeps 3 significant digits: 123.456789 ms reads back within 0.1 %")
    void histogramHasThreeDigits() {
        Histogram histogram = Statistics.newHistogram();
        long latency = 123_456_789;

        histogram.recordValue(latency);

        long bucket = histogram.highestEquivalentValue(latency) - histogram.lowestEquivalentValue(latency);
        assertThat(bucket).as("width of the histogram's bucket around %d ns: values in it are indistinguishable, so "
                + "3 significant digits need it to be at most 0.1 %% of the value (the histogram has %d digits)",
                latency, histogram.getNumberOfSignificantValueDigits()).isLessThanOrEqualTo(latency / 1000);
    }

    @Test
    @DisplayName("latencies of 1..100 ms: p50 50, p90 90, p99 99, p99.9 and max 100 ms (percentiles are 0..100)")
    void percentilesOfOneToHundred() {
        Histogram histogram = Statistics.newHistogram();
        for (int i = 1; i <= 100; i++) {
            histogram.recordValue((i * 37 % 100 + 1) * MS); // 1..100 ms, shuffled
        }

        LatencySummary summary = Statistics.latencies(histogram);

        assertThat(summary.p50()).as("p50 of 1..100 ms, ns (HdrHistogram's getValueAtPercentile takes 50 for p50, "
                + "not 0.5)").isCloseTo(50 * MS, withinPermille(50 * MS));
        assertThat(summary.p90()).as("p90 of 1..100 ms, ns").isCloseTo(90 * MS, withinPermille(90 * MS));
        assertThat(summary.p99()).as("p99 of 1..100 ms, ns").isCloseTo(99 * MS, withinPermille(99 * MS));
        assertThat(summary.p999()).as("p99.9 of 1..100 ms, ns").isCloseTo(100 * MS, withinPermille(100 * MS));
        assertThat(summary.max()).as("max of 1..100 ms, ns").isCloseTo(100 * MS, withinPermille(100 * MS));
    }

    @Test
    @DisplayName("one slow request in 1,000: p50 to p99.9 stay at 1 ms, only the max shows the 5 s")
    void oneOutlierInAThousand() {
        Histogram histogram = Statistics.newHistogram();
        histogram.recordValue(TimeUnit.SECONDS.toNanos(5));
        for (int i = 0; i < 999; i++) {
            histogram.recordValue(MS);
        }

        LatencySummary summary = Statistics.latencies(histogram);

        assertThat(List.of(summary.p50(), summary.p90(), summary.p99(), summary.p999()))
                .as("p50, p90, p99, p99.9 of 999 requests of 1 ms and one of 5 s (p99.9 is the 999th of 1,000)")
                .allSatisfy(value -> assertThat(value).isCloseTo(MS, withinPermille(MS)));
        assertThat(summary.max()).as("max, ns: the 5 s request").isCloseTo(TimeUnit.SECONDS.toNanos(5),
                withinPermille(TimeUnit.SECONDS.toNanos(5)));
    }

    @Test
    @DisplayName("reading leaves the histogram as it was; an empty histogram reads as LatencySummary.NONE")
    void readingChangesNothing() {
        Histogram histogram = Statistics.newHistogram();
        assertThat(Statistics.latencies(histogram)).as("latencies of an empty histogram (no request succeeded)")
                .isEqualTo(LatencySummary.NONE);
        histogram.recordValue(3 * MS);
        histogram.recordValue(7 * MS);
        Histogram before = histogram.copy();

        LatencySummary first = Statistics.latencies(histogram);
        LatencySummary second = Statistics.latencies(histogram);

        assertThat(histogram).as("the histogram after reading it twice (do not reset it)").isEqualTo(before);
        assertThat(second).as("the second reading of the same histogram").isEqualTo(first);
        assertThat(first.max()).as("max of 3 ms and 7 ms, ns").isCloseTo(7 * MS, withinPermille(7 * MS));
    }

    @Test
    @DisplayName("spread: min, median and max, with the mean of the middle two for an even count")
    void spread() {
        assertThat(Statistics.spread(3, 1, 2)).as("spread of 3, 1, 2").isEqualTo(new Spread(1, 2, 3));
        assertThat(Statistics.spread(10, 40, 20, 30)).as("spread of four runs").isEqualTo(new Spread(10, 25, 40));
        assertThat(Statistics.spread(5)).as("spread of one run").isEqualTo(new Spread(5, 5, 5));
        double[] runs = {30, 10, 20};
        Statistics.spread(runs);
        assertThat(runs).as("the caller's values after the spread (sort a copy)").containsExactly(30, 10, 20);
    }

    @Test
    @DisplayName("spread of no runs: a clear IllegalArgumentException")
    void spreadOfNothing() {
        assertThatThrownBy(Statistics::spread).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).as("its message, for whoever reads it").isNotBlank());
    }

    private static Offset<Long> withinPermille(long value) {
        return within(Math.max(1, value / 1000));
    }
}
