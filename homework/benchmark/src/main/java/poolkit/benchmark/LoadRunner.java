package poolkit.benchmark;

import javax.sql.DataSource;

/**
 * Fires a burst of requests at a data source and measures it. "Parallel" means: every request is submitted at once
 * to a fixed pool of worker threads, released together by a start signal, so up to {@code threads} run at the same
 * moment and the rest queue in the executor, the way requests queue in an application server's thread pool.
 *
 * <p>A request's latency runs from the moment a worker starts it (asking for a connection) to the moment its
 * connection is given back: it contains the wait for a connection, connecting if the strategy does, and the
 * statement. The time a request spent queued in the executor is not in it; it shows in the run's throughput.
 */
public final class LoadRunner {

    private final int threads;

    /** @param threads worker threads: the most requests in flight at once */
    public LoadRunner(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, but was " + threads);
        }
        this.threads = threads;
    }

    /**
     * Runs {@code requests} requests of {@code workload}, each on a connection of its own from {@code dataSource},
     * and waits for all of them. A failed request is counted, never thrown. Tell {@code progress} each time a
     * request ends.
     */
    public RunResult run(DataSource dataSource, Workload workload, int requests, ProgressListener progress)
            throws InterruptedException {
        throw NotImplemented.task(2, "run the requests on " + threads + " threads, time and count each one");
    }
}
