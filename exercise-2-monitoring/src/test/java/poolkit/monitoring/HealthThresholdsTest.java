package poolkit.monitoring;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.monitoring.HealthReport.Status;
import poolkit.monitoring.ThresholdBreach.Threshold;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;

import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@DisplayName("Task 4: the health report")
class HealthThresholdsTest {

    private static final long MS = 1_000_000;

    /** A snapshot of {@code acquired} successful and {@code timeouts} failed attempts that waited {@code waitMs} in all. */
    private static MetricsSnapshot traffic(long acquired, long timeouts, long totalWaitMs) {
        return new MetricsSnapshot(acquired, acquired, timeouts, 0, 10, 0, acquired, totalWaitMs * MS, 0, 0);
    }

    /** A snapshot of {@code acquired} successful attempts, no timeouts, that waited {@code totalWaitNanos} in all. */
    private static MetricsSnapshot waits(long acquired, long totalWaitNanos) {
        return new MetricsSnapshot(acquired, acquired, 0, 0, 10, 0, acquired, totalWaitNanos, 0, 0);
    }

    @Test
    @DisplayName("the defaults are the lesson's: under 1 % timeouts and under 100 ms average wait")
    void defaults() {
        HealthThresholds defaults = HealthThresholds.defaults();
        assertThat(defaults.maxTimeoutRate()).as("default maxTimeoutRate").isEqualTo(0.01);
        assertThat(defaults.maxAverageWait()).as("default maxAverageWait").isEqualTo(Duration.ofMillis(100));
    }

    @Test
    @DisplayName("HEALTHY with no traffic at all, and just under both thresholds")
    void healthy() {
        HealthThresholds thresholds = HealthThresholds.defaults();
        HealthReport quiet = thresholds.judge(MetricsSnapshot.EMPTY);
        assertThat(quiet.status()).as("verdict on a pool nobody used yet: %s", quiet).isEqualTo(Status.HEALTHY);

        // 1 timeout in 101 attempts is 0.99 %; 101 attempts that waited 9999 ms in all average 99 ms.
        HealthReport justUnder = thresholds.judge(traffic(100, 1, 9_999));
        assertThat(justUnder.breaches()).as("breaches at 0.99 %% timeouts and 99 ms average wait: %s", justUnder)
                .isEmpty();
        assertThat(justUnder.status()).as("verdict").isEqualTo(Status.HEALTHY);
    }

    @Test
    @DisplayName("NEEDS_ATTENTION at 2.5 % timeouts, saying it is the timeout rate and by how much")
    void timeoutRateCrossed() {
        HealthReport report = HealthThresholds.defaults().judge(traffic(195, 5, 2_000));
        assertThat(report.status()).as("verdict at 5 timeouts in 200 attempts (2.5 %%): %s", report)
                .isEqualTo(Status.NEEDS_ATTENTION);
        assertThat(report.breaches()).as("thresholds crossed (average wait is 10 ms, fine)").hasSize(1);
        ThresholdBreach breach = report.breaches().get(0);
        assertThat(breach.threshold()).as("which threshold").isEqualTo(Threshold.TIMEOUT_RATE);
        assertThat(breach.observed()).as("observed timeout rate, as a fraction").isCloseTo(0.025, within(1e-12));
        assertThat(breach.limit()).as("the limit, as a fraction").isCloseTo(0.01, within(1e-12));
        assertThat(breach.excess()).as("by how much, as a fraction").isCloseTo(0.015, within(1e-12));
        assertThat(breach.describe()).as("the breach described for people, in percent")
                .contains("2.50 %").contains("1.00 %").contains("1.50 percentage points");
    }

    @Test
    @DisplayName("NEEDS_ATTENTION at 180 ms average wait, saying it is the wait and by how much")
    void averageWaitCrossed() {
        HealthReport report = HealthThresholds.defaults().judge(traffic(50, 0, 9_000));
        assertThat(report.status()).as("verdict at 180 ms average wait: %s", report).isEqualTo(Status.NEEDS_ATTENTION);
        assertThat(report.breaches()).as("thresholds crossed (no timeouts)").hasSize(1);
        ThresholdBreach breach = report.breaches().get(0);
        assertThat(breach.threshold()).as("which threshold").isEqualTo(Threshold.AVERAGE_WAIT);
        assertThat(breach.observed()).as("observed average wait, in ms").isCloseTo(180.0, within(1e-9));
        assertThat(breach.limit()).as("the limit, in ms").isCloseTo(100.0, within(1e-9));
        assertThat(breach.excess()).as("by how much, in ms").isCloseTo(80.0, within(1e-9));
    }

    @Test
    @DisplayName("waits are judged and reported to the nanosecond, not in whole milliseconds: 100.25 ms is over by 0.25 ms")
    void subMillisecondWaitsAreNotTruncated() {
        String truncation = "; Duration.toMillis() drops the fraction of a millisecond: compare the Durations, and "
                + "convert with toNanos() / 1_000_000.0 for the breach (README, Task 4 hint)";
        // 4 attempts that waited 401 ms in all: 100.25 ms on average, just over the default 100 ms.
        HealthReport justOver = HealthThresholds.defaults().judge(waits(4, 401 * MS));
        assertThat(justOver.breaches()).as("breaches at an average wait of 100.25 ms: %s", justOver).hasSize(1);
        ThresholdBreach breach = justOver.breaches().get(0);
        assertThat(breach.observed()).as("observed average wait in ms" + truncation).isCloseTo(100.25, within(1e-9));
        assertThat(breach.excess()).as("by how much the average wait of 100.25 ms is over 100 ms" + truncation)
                .isCloseTo(0.25, within(1e-9));

        // A limit of 2.5 ms: an average of 2.2 ms is under it, one of 3.75 ms is over by 1.25 ms.
        HealthThresholds tight = new HealthThresholds(0.5, Duration.ofNanos(2_500_000));
        HealthReport under = tight.judge(waits(10, 22 * MS));
        assertThat(under.breaches()).as("breaches at an average wait of 2.2 ms under a limit of 2.5 ms" + truncation
                + ": %s", under).isEmpty();
        HealthReport over = tight.judge(waits(4, 15 * MS));
        assertThat(over.breaches()).as("breaches at an average wait of 3.75 ms under a limit of 2.5 ms: %s", over)
                .hasSize(1);
        assertThat(over.breaches().get(0).limit()).as("the limit of 2.5 ms, in ms" + truncation)
                .isCloseTo(2.5, within(1e-9));
        assertThat(over.breaches().get(0).excess()).as("by how much 3.75 ms is over 2.5 ms" + truncation)
                .isCloseTo(1.25, within(1e-9));
    }

    @Test
    @DisplayName("exactly on a threshold is not under it: 1 % timeouts or a 100 ms average need attention")
    void onTheThresholdIsNotUnder() {
        HealthReport onBoth = HealthThresholds.defaults().judge(traffic(99, 1, 10_000));
        assertThat(onBoth.breaches()).as("breaches at exactly 1 %% timeouts (1 of 100) and exactly 100 ms average: %s",
                        onBoth)
                .extracting(ThresholdBreach::threshold)
                .containsExactlyInAnyOrder(Threshold.TIMEOUT_RATE, Threshold.AVERAGE_WAIT);
        assertThat(onBoth.summary()).as("the report's summary names both").contains("timeout rate", "average wait");
    }

    @Test
    @DisplayName("the thresholds are configurable: what breaks the defaults is healthy under looser ones")
    void configurable() {
        HealthThresholds loose = new HealthThresholds(0.05, Duration.ofMillis(500));
        MetricsSnapshot busy = traffic(195, 5, 36_000); // 2.5 % timeouts, 180 ms average
        assertThat(HealthThresholds.defaults().judge(busy).breaches()).as("breaches under the defaults").hasSize(2);
        HealthReport report = loose.judge(busy);
        assertThat(report.status()).as("verdict at 2.5 %% and 180 ms under limits of 5 %% and 500 ms: %s", report)
                .isEqualTo(Status.HEALTHY);

        HealthReport strict = new HealthThresholds(0.001, Duration.ofMillis(5)).judge(traffic(999, 1, 10_000));
        assertThat(strict.breaches()).as("breaches at 0.1 %% and 10 ms under limits of 0.1 %% and 5 ms: %s", strict)
                .extracting(ThresholdBreach::threshold)
                .containsExactlyInAnyOrder(Threshold.TIMEOUT_RATE, Threshold.AVERAGE_WAIT);
    }

    @Test
    @DisplayName("the loosest thresholds are valid: a timeout rate of 1 (100 %) and an average wait of 1 ns")
    void acceptsTheLimits() {
        HealthThresholds loosest;
        try {
            loosest = new HealthThresholds(1.0, Duration.ofNanos(1));
        } catch (IllegalArgumentException e) {
            throw new AssertionError("new HealthThresholds(1.0, 1 ns) was refused (" + e.getMessage() + "): "
                    + "maxTimeoutRate is a fraction above 0 and at most 1, so 1 (every attempt may time out) is "
                    + "valid, and so is any positive maxAverageWait", e);
        }
        assertThat(loosest.maxTimeoutRate()).as("maxTimeoutRate 1.0: a fraction at most 1, so 1 itself is valid")
                .isEqualTo(1.0);
        assertThat(loosest.maxAverageWait()).as("maxAverageWait 1 ns").isEqualTo(Duration.ofNanos(1));
    }

    @Test
    @DisplayName("thresholds no pool could meet are refused with a message naming the field and the value")
    void rejectsInvalidThresholds() {
        Duration wait = Duration.ofMillis(100);
        assertThatThrownBy(() -> new HealthThresholds(0.0, wait)).as("maxTimeoutRate 0")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTimeoutRate");
        assertThatThrownBy(() -> new HealthThresholds(-0.01, wait)).as("maxTimeoutRate -0.01")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTimeoutRate").hasMessageContaining("-0.01");
        assertThatThrownBy(() -> new HealthThresholds(1.5, wait)).as("maxTimeoutRate 1.5 (150 %%)")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTimeoutRate").hasMessageContaining("1.5");
        assertThatThrownBy(() -> new HealthThresholds(Double.NaN, wait)).as("maxTimeoutRate NaN")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTimeoutRate");
        assertThatThrownBy(() -> new HealthThresholds(0.01, null)).as("maxAverageWait null")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAverageWait");
        assertThatThrownBy(() -> new HealthThresholds(0.01, Duration.ZERO)).as("maxAverageWait 0")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAverageWait");
        assertThatThrownBy(() -> new HealthThresholds(0.01, Duration.ofMillis(-1))).as("maxAverageWait -1 ms")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAverageWait");
    }

    @Test
    @DisplayName("a real pool whose borrowers time out needs attention for its timeout rate")
    void realPoolThatTimesOut() throws Exception {
        TrackingConnectionFactory factory = new TrackingConnectionFactory(TestDatabases.h2());
        try (MonitoredPool pool = new MonitoredPool("reports",
                TestPools.config().maxConnections(1).connectionTimeout(Duration.ofMillis(100)).build(),
                factory::connect);
             Connection held = pool.getConnection()) {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(pool::getConnection).isInstanceOf(SQLTransientConnectionException.class);
            }
            HealthReport report = HealthThresholds.defaults().judge(pool.metrics().snapshot());
            assertThat(report.status()).as("verdict after 2 of 3 acquisitions timed out: %s", report)
                    .isEqualTo(Status.NEEDS_ATTENTION);
            assertThat(report.breaches()).as("thresholds crossed").extracting(ThresholdBreach::threshold)
                    .contains(Threshold.TIMEOUT_RATE);
        }
    }

    @Test
    @DisplayName("a recorder fed quick acquisitions is judged healthy")
    void recorderFedQuickAcquisitions() {
        PoolMetrics metrics = new PoolMetrics();
        for (int i = 0; i < 1_000; i++) {
            metrics.acquired(2 * MS);
            metrics.released(5 * MS);
        }
        metrics.timedOut(30_000 * MS); // one in 1001 attempts: 0.0999 %, and the average wait rises to about 32 ms
        HealthReport report = HealthThresholds.defaults().judge(metrics.snapshot());
        assertThat(report.status()).as("verdict: %s", report).isEqualTo(Status.HEALTHY);
    }
}
