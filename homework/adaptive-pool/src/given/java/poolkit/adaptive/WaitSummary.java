package poolkit.adaptive;

import java.time.Duration;

/**
 * GIVEN: what the borrowers of a recent window waited, as {@link WaitWindow#summary()} reports it.
 *
 * @param samples how many borrows were recorded in the window
 * @param p95     the 95th percentile by nearest rank: the smallest recorded wait that at least 95 % of the samples
 *                do not exceed (zero when there are no samples)
 * @param average the mean wait (zero when there are no samples)
 * @param max     the longest wait (zero when there are no samples)
 */
public record WaitSummary(int samples, Duration p95, Duration average, Duration max) {

    /** A window in which nobody borrowed. */
    public static final WaitSummary EMPTY = new WaitSummary(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    @Override
    public String toString() {
        return "samples=" + samples + ", p95=" + p95.toMillis() + " ms, average=" + average.toMillis()
                + " ms, max=" + max.toMillis() + " ms";
    }
}
