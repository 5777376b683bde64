package poolkit.benchmark;

/**
 * GIVEN: what one run of {@link LoadRunner} measured. Every request ends in exactly one of three ways, so
 * {@code succeeded + errors + timeouts == requests}.
 *
 * @param requests     requests submitted
 * @param succeeded    requests whose statement ran and whose connection was given back
 * @param timeouts     requests that gave up waiting for a connection ({@link java.sql.SQLTransientConnectionException})
 * @param errors       requests that failed any other way (refused connection, failed statement, ...)
 * @param elapsedNanos from releasing the first request to the end of the last one
 * @param latency      latencies of the successful requests
 * @param firstError   what the first failed request threw, or null when none failed
 */
public record RunResult(int requests, int succeeded, int errors, int timeouts, long elapsedNanos,
                        LatencySummary latency, String firstError) {

    /** Successful requests per second of the run's wall-clock time. */
    public double throughput() {
        return elapsedNanos == 0 ? 0 : succeeded * 1e9 / elapsedNanos;
    }
}
