package poolkit.benchmark;

import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * GIVEN: what one run of {@link LoadRunner} measured. Every request ends in exactly one of three ways, so
 * {@code succeeded + errors + timeouts == requests}.
 *
 * @param requests     requests the run made
 * @param succeeded    requests whose statement ran and whose connection was given back
 * @param errors       requests that failed any other way (refused connection, failed statement, ...)
 * @param timeouts     requests that gave up waiting for a connection ({@link java.sql.SQLTransientConnectionException})
 * @param elapsedNanos from the start of the run (the start signal, or the first intended start) to the end of the
 *                     last request
 * @param latencies    the latency of every successful request, in nanoseconds, one value each
 * @param firstError   what the first failed request threw, or null when none failed
 */
public record RunResult(int requests, int succeeded, int errors, int timeouts, long elapsedNanos,
                        Histogram latencies, String firstError) {

    public RunResult {
        Objects.requireNonNull(latencies, "latencies: an empty histogram when no request succeeded, not null");
    }

    /** The latencies at the points a report shows (read with {@link Statistics#latencies}). */
    public LatencySummary latency() {
        return Statistics.latencies(latencies);
    }

    /** Successful requests per second of the run's wall-clock time. */
    public double throughput() {
        return elapsedNanos == 0 ? 0 : succeeded * 1e9 / elapsedNanos;
    }
}
