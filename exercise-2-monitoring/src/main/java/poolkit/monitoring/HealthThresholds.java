package poolkit.monitoring;

import java.time.Duration;

/**
 * YOUR HEALTH RULES (Task 4): a pool counts as healthy while fewer than {@code maxTimeoutRate} of its acquisition
 * attempts time out and its average wait stays under {@code maxAverageWait}. The lesson's defaults are 1 % and
 * 100 ms.
 *
 * @param maxTimeoutRate a fraction above 0 and at most 1 (0.01 is 1 %)
 * @param maxAverageWait a positive duration
 */
public record HealthThresholds(double maxTimeoutRate, Duration maxAverageWait) {

    public static final double DEFAULT_MAX_TIMEOUT_RATE = 0.01;
    public static final Duration DEFAULT_MAX_AVERAGE_WAIT = Duration.ofMillis(100);

    /**
     * TASK 4: refuse thresholds no pool could meet, with an {@link IllegalArgumentException} naming the field and
     * the value: {@code maxTimeoutRate} not above 0, above 1, or NaN; {@code maxAverageWait} null, zero or negative.
     */
    public HealthThresholds {
        throw NotImplemented.task(4, "validate the thresholds in the HealthThresholds constructor");
    }

    public static HealthThresholds defaults() {
        return new HealthThresholds(DEFAULT_MAX_TIMEOUT_RATE, DEFAULT_MAX_AVERAGE_WAIT);
    }

    /**
     * TASK 4: judge a snapshot. Healthy only while each value is strictly under its threshold; for each threshold
     * reached or crossed, add a {@link ThresholdBreach} in that threshold's unit (the timeout rate as a fraction,
     * the average wait in milliseconds).
     */
    public HealthReport judge(MetricsSnapshot snapshot) {
        throw NotImplemented.task(4, "judge a snapshot in HealthThresholds.judge()");
    }
}
