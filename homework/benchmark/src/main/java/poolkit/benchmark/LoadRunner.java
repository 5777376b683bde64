package poolkit.benchmark;

import javax.sql.DataSource;

/**
 * Fires the requests of a run at a data source and measures each one. Two load models (see {@link LoadModel}):
 *
 * <ul>
 *   <li>{@link #run}, the closed model: every request is handed at once to the runner's workers, released together
 *       by a start signal; up to {@code threads} run at the same moment and the rest queue, the way requests queue
 *       in an application server's thread pool. A request's latency runs from the moment a worker starts it.</li>
 *   <li>{@link #runOpen}, the open model: request i is sent at its intended start time (the model's schedule),
 *       whether or not the earlier ones have ended. Its latency runs from its intended start, so time it spent
 *       waiting for a free worker, or for a stalled pool, is in it.</li>
 * </ul>
 *
 * Either way a latency ends when the request's connection has been given back, and only successful requests are
 * recorded. With {@link ThreadKind#VIRTUAL}, each request runs on a virtual thread of its own and {@code threads}
 * limits nothing: the connection pool does.
 */
public final class LoadRunner {

    private final int threads;
    private final ThreadKind threadKind;

    /** A runner on {@code threads} platform worker threads. */
    public LoadRunner(int threads) {
        this(threads, ThreadKind.PLATFORM);
    }

    /**
     * @param threads    platform worker threads: the most requests in flight at once (ignored for virtual threads)
     * @param threadKind platform workers, or a virtual thread per request (Java 21+)
     */
    public LoadRunner(int threads, ThreadKind threadKind) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, but was " + threads);
        }
        this.threads = threads;
        this.threadKind = threadKind;
    }

    /**
     * The closed model: runs {@code requests} requests of {@code workload}, each on a connection of its own from
     * {@code dataSource}, all released at once, and waits for all of them. A failed request is counted, never thrown.
     * Tell {@code progress} each time a request ends.
     */
    public RunResult run(DataSource dataSource, Workload workload, int requests, ProgressListener progress)
            throws InterruptedException {
        throw NotImplemented.task(2, "run the requests on the workers, time, record and count each one");
    }

    /**
     * The open model: sends request i at the run's start plus {@code model.intendedStartNanos(i, requests)}, without
     * waiting for earlier requests, and measures its latency from that intended start. Otherwise as {@link #run}.
     *
     * @throws IllegalArgumentException when {@code model} is the closed model
     */
    public RunResult runOpen(DataSource dataSource, Workload workload, int requests, LoadModel model,
                             ProgressListener progress) throws InterruptedException {
        throw NotImplemented.task(3, "send each request at its intended start and measure its latency from then");
    }
}
