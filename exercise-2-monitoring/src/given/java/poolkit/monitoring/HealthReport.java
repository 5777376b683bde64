package poolkit.monitoring;

import java.util.List;
import java.util.stream.Collectors;

/**
 * GIVEN: a verdict on a pool's health, as {@link HealthThresholds#judge(MetricsSnapshot)} reaches it: the snapshot
 * it judged and every threshold that snapshot crossed. No breaches means healthy.
 */
public record HealthReport(MetricsSnapshot snapshot, List<ThresholdBreach> breaches) {

    public enum Status { HEALTHY, NEEDS_ATTENTION }

    public HealthReport {
        breaches = List.copyOf(breaches);
    }

    public Status status() {
        return breaches.isEmpty() ? Status.HEALTHY : Status.NEEDS_ATTENTION;
    }

    public boolean isHealthy() {
        return status() == Status.HEALTHY;
    }

    /** One line for a log or a dashboard: the status, and what crossed which threshold by how much. */
    public String summary() {
        if (isHealthy()) {
            return "HEALTHY (" + snapshot.acquisitionAttempts() + " acquisitions, " + snapshot.timeouts()
                    + " timed out, average wait " + snapshot.averageWait().toMillis() + " ms)";
        }
        return "NEEDS ATTENTION: " + breaches.stream().map(ThresholdBreach::describe).collect(Collectors.joining("; "));
    }

    @Override
    public String toString() {
        return summary();
    }
}
