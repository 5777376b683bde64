package poolkit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Task 1: percentiles and the spread of repeated runs")
class StatisticsTest {

    @Test
    @DisplayName("p50, p95, p99 and max of 1..100 are 50, 95, 99 and 100, whatever the order of the samples")
    void percentilesOfOneToHundred() {
        long[] shuffled = LongStream.rangeClosed(1, 100).map(i -> (i * 37) % 100 + 1).toArray();

        LatencySummary summary = Statistics.latencies(shuffled);

        assertThat(summary).as("nearest-rank percentiles of the numbers 1 to 100 (given in shuffled order)")
                .isEqualTo(new LatencySummary(50, 95, 99, 100));
    }

    @Test
    @DisplayName("nearest rank: with 10 samples, p95 and p99 are the largest one, p50 the 5th")
    void nearestRankOnFewSamples() {
        long[] samples = {10, 20, 30, 40, 50, 60, 70, 80, 90, 1000};

        assertThat(Statistics.latencies(samples)).as("percentiles of 10 samples, one slow outlier")
                .isEqualTo(new LatencySummary(50, 1000, 1000, 1000));
    }

    @Test
    @DisplayName("a single sample is every percentile")
    void singleSample() {
        assertThat(Statistics.latencies(new long[] {7})).isEqualTo(new LatencySummary(7, 7, 7, 7));
    }

    @Test
    @DisplayName("the caller's array is not reordered")
    void leavesInputAlone() {
        long[] samples = {5, 1, 4, 2, 3};

        Statistics.latencies(samples);

        assertThat(samples).as("the samples after computing percentiles (sort a copy, not the caller's array)")
                .containsExactly(5, 1, 4, 2, 3);
    }

    @Test
    @DisplayName("no samples: a clear IllegalArgumentException, not an index error")
    void noSamples() {
        assertThatThrownBy(() -> Statistics.latencies(new long[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).as("its message, for whoever reads it").isNotBlank());
    }

    @Test
    @DisplayName("spread: min, median and max, with the mean of the middle two for an even count")
    void spread() {
        assertThat(Statistics.spread(3, 1, 2)).as("spread of 3, 1, 2").isEqualTo(new Spread(1, 2, 3));
        assertThat(Statistics.spread(10, 40, 20, 30)).as("spread of four runs").isEqualTo(new Spread(10, 25, 40));
        assertThat(Statistics.spread(5)).as("spread of one run").isEqualTo(new Spread(5, 5, 5));
    }

    @Test
    @DisplayName("spread of no runs: a clear IllegalArgumentException")
    void spreadOfNothing() {
        assertThatThrownBy(Statistics::spread).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).as("its message, for whoever reads it").isNotBlank());
    }
}
