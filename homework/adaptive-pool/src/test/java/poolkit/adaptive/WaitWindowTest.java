package poolkit.adaptive;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.Concurrently;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Task 2: the wait window")
class WaitWindowTest {

    private static final Duration WINDOW = Duration.ofSeconds(10);

    private final ManualTicker ticker = new ManualTicker();
    private final WaitWindow window = new WaitWindow(WINDOW, ticker);

    @Test
    @DisplayName("a window nobody recorded in reports no samples and zero waits")
    void empty() {
        assertThat(window.summary()).as("summary of an empty window").isEqualTo(WaitSummary.EMPTY);
    }

    @Test
    @DisplayName("p95 by nearest rank, average and max: waits of 1, 2, ..., 100 ms give 95 ms, 50.5 ms and 100 ms")
    void percentileAverageMax() {
        List<Integer> millis = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            millis.add(i);
        }
        Collections.shuffle(millis, new Random(42)); // recorded in no particular order, as borrowers finish
        millis.forEach(ms -> window.record(Duration.ofMillis(ms).toNanos()));

        WaitSummary summary = window.summary();
        assertThat(summary.samples()).as("samples recorded").isEqualTo(100);
        assertThat(summary.p95()).as("p95 of waits 1..100 ms (nearest rank: the 95th smallest)")
                .isEqualTo(Duration.ofMillis(95));
        assertThat(summary.average()).as("average of waits 1..100 ms").isEqualTo(Duration.ofNanos(50_500_000));
        assertThat(summary.max()).as("longest of waits 1..100 ms").isEqualTo(Duration.ofMillis(100));
    }

    @Test
    @DisplayName("p95 by nearest rank for every window of 1 to 40 samples: the wait at 1-based position ceil(0.95 n)")
    void nearestRankForEverySize() {
        for (int n = 1; n <= 40; n++) {
            WaitWindow fresh = new WaitWindow(WINDOW, ticker);
            for (int ms = n; ms >= 1; ms--) { // largest first: the window must sort
                fresh.record(Duration.ofMillis(ms).toNanos());
            }
            int rank = (95 * n + 99) / 100; // ceil(0.95 n) in whole numbers, free of rounding
            assertThat(fresh.summary().p95())
                    .as("p95 of the %d waits 1, 2, ..., %d ms: nearest rank ceil(0.95 x %d) = %d, the wait at "
                            + "position %d once sorted (not rounded down, not rounded to nearest, not interpolated)",
                            n, n, n, rank, rank)
                    .isEqualTo(Duration.ofMillis(rank));
        }
    }

    @Test
    @DisplayName("one slow borrow in 20 does not move the p95, two do: a lone spike is not a trend")
    void oneOutlierDoesNotMoveP95() {
        for (int i = 0; i < 19; i++) {
            window.record(Duration.ofMillis(1).toNanos());
        }
        window.record(Duration.ofSeconds(1).toNanos());
        WaitSummary oneSlow = window.summary();
        assertThat(oneSlow.p95()).as("p95 of 19 waits of 1 ms and one of 1 s").isEqualTo(Duration.ofMillis(1));
        assertThat(oneSlow.max()).as("max of 19 waits of 1 ms and one of 1 s").isEqualTo(Duration.ofSeconds(1));

        window.clear();
        for (int i = 0; i < 18; i++) {
            window.record(Duration.ofMillis(1).toNanos());
        }
        window.record(Duration.ofSeconds(1).toNanos());
        window.record(Duration.ofSeconds(1).toNanos());
        assertThat(window.summary().p95()).as("p95 of 18 waits of 1 ms and two of 1 s (after clear())")
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("samples slide out of the window as the ticker moves on: only the last `length` of time counts")
    void samplesExpire() {
        window.record(Duration.ofMillis(500).toNanos());
        window.record(Duration.ofMillis(500).toNanos());
        ticker.advance(WINDOW.dividedBy(2));
        window.record(Duration.ofMillis(7).toNanos());
        assertThat(window.summary().samples()).as("samples half a window after the first two, one more since")
                .isEqualTo(3);

        ticker.advance(WINDOW.dividedBy(2).plusMillis(1));
        WaitSummary later = window.summary();
        assertThat(later.samples()).as("samples once the first two are older than the window (10 s)").isEqualTo(1);
        assertThat(later.max()).as("longest wait left in the window").isEqualTo(Duration.ofMillis(7));

        ticker.advance(WINDOW);
        assertThat(window.summary()).as("summary once every sample is older than the window")
                .isEqualTo(WaitSummary.EMPTY);
    }

    @Test
    @DisplayName("a sample exactly `length` old has slid out: it counts while now - t < length")
    void sampleExactlyAWindowOldHasSlidOut() {
        window.record(Duration.ofMillis(5).toNanos());
        ticker.advance(WINDOW.minusNanos(1));
        assertThat(window.summary().samples()).as("samples when the only one is 1 ns younger than the window (10 s)")
                .isEqualTo(1);
        ticker.advance(Duration.ofNanos(1));
        assertThat(window.summary()).as("summary when the only sample is exactly as old as the window (10 s)")
                .isEqualTo(WaitSummary.EMPTY);
    }

    @Test
    @DisplayName("clear() forgets every sample at once, without waiting for them to slide out")
    void clearForgetsEverything() {
        for (int i = 0; i < 5; i++) {
            window.record(Duration.ofMillis(300).toNanos());
        }
        window.clear();
        assertThat(window.summary()).as("summary right after clear(), the ticker not moved")
                .isEqualTo(WaitSummary.EMPTY);
        window.record(Duration.ofMillis(7).toNanos());
        WaitSummary afterClear = window.summary();
        assertThat(afterClear.samples()).as("samples recorded since clear()").isEqualTo(1);
        assertThat(afterClear.max()).as("longest wait recorded since clear()").isEqualTo(Duration.ofMillis(7));
    }

    @Test
    @DisplayName("8 threads recording 10 000 waits each at once, in 5 rounds: not one sample is lost")
    void concurrentRecording() throws Exception {
        // A lost sample needs two records at the same instant on two cores; on a busy machine one round may not
        // bring two threads together, so each round is a fresh chance to catch a race.
        for (int round = 1; round <= 5; round++) {
            WaitWindow shared = new WaitWindow(WINDOW, ticker);
            Concurrently.run(8, 8, thread -> {
                for (int i = 0; i < 10_000; i++) {
                    shared.record(Duration.ofMillis(thread + 1).toNanos());
                }
                return null;
            });
            WaitSummary summary = shared.summary();
            assertThat(summary.samples()).as("samples after 8 threads each recorded 10 000 at once (round %d)", round)
                    .isEqualTo(80_000);
            assertThat(summary.max()).as("longest wait recorded (thread 8 recorded 8 ms; round %d)", round)
                    .isEqualTo(Duration.ofMillis(8));
        }
    }
}
