package poolkit.monitoring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When a pool counts as healthy: while fewer than {@code maxTimeoutRate} of its acquisition attempts time out and
 * its average wait stays under {@code maxAverageWait}. The lesson's defaults are 1 % and 100 ms.
 *
 * @param maxTimeoutRate a fraction above 0 and at most 1 (0.01 is 1 %)
 * @param maxAverageWait a positive duration
 */
public record HealthThresholds(double maxTimeoutRate, Duration maxAverageWait) {

    public static final double DEFAULT_MAX_TIMEOUT_RATE = 0.01;
    public static final Duration DEFAULT_MAX_AVERAGE_WAIT = Duration.ofMillis(100);

    public HealthThresholds {
        if (!(maxTimeoutRate > 0.0 && maxTimeoutRate <= 1.0)) { // also rejects NaN
            throw new IllegalArgumentException("maxTimeoutRate must be a fraction above 0 and at most 1 (0.01 is 1 %), "
                    + "but was " + maxTimeoutRate);
        }
        if (maxAverageWait == null || maxAverageWait.isNegative() || maxAverageWait.isZero()) {
            throw new IllegalArgumentException("maxAverageWait must be a positive duration, but was " + maxAverageWait);
        }
    }

    public static HealthThresholds defaults() {
        return new HealthThresholds(DEFAULT_MAX_TIMEOUT_RATE, DEFAULT_MAX_AVERAGE_WAIT);
    }

    /** Judges a snapshot: healthy only while each value is strictly under its threshold. */
    public HealthReport judge(MetricsSnapshot snapshot) {
        List<ThresholdBreach> breaches = new ArrayList<>();
        double timeoutRate = snapshot.timeoutRate();
        if (timeoutRate >= maxTimeoutRate) {
            breaches.add(new ThresholdBreach(ThresholdBreach.Threshold.TIMEOUT_RATE, timeoutRate, maxTimeoutRate));
        }
        if (snapshot.averageWait().compareTo(maxAverageWait) >= 0) {
            breaches.add(new ThresholdBreach(ThresholdBreach.Threshold.AVERAGE_WAIT,
                    millis(snapshot.averageWait()), millis(maxAverageWait)));
        }
        return new HealthReport(snapshot, breaches);
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1_000_000.0;
    }
}
