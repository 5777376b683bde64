package poolkit.monitoring;

import java.util.Locale;

/**
 * GIVEN: one health threshold a pool crossed, and by how much.
 *
 * @param threshold which one
 * @param observed  what the pool showed, in the threshold's unit (see {@link Threshold})
 * @param limit     the configured threshold, in the same unit
 */
public record ThresholdBreach(Threshold threshold, double observed, double limit) {

    /** The thresholds a {@link HealthReport} judges, each with the unit its values are in. */
    public enum Threshold {
        /** Share of acquisition attempts that timed out, as a fraction: 0.01 is 1 %. */
        TIMEOUT_RATE,
        /** Average time {@code getConnection()} waited, in milliseconds. */
        AVERAGE_WAIT
    }

    /** How far past the limit the pool is, in the threshold's unit (0 when it sits exactly on the limit). */
    public double excess() {
        return observed - limit;
    }

    /** For people: e.g. "timeout rate 2.50 % is not under the limit of 1.00 % (over by 1.50 percentage points)". */
    public String describe() {
        return switch (threshold) {
            case TIMEOUT_RATE -> String.format(Locale.ROOT,
                    "timeout rate %.2f %% is not under the limit of %.2f %% (over by %.2f percentage points)",
                    observed * 100, limit * 100, excess() * 100);
            case AVERAGE_WAIT -> String.format(Locale.ROOT,
                    "average wait %.1f ms is not under the limit of %.1f ms (over by %.1f ms)",
                    observed, limit, excess());
        };
    }
}
