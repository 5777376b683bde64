package poolkit.benchmark;

import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
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

    private enum Outcome { SUCCEEDED, TIMED_OUT, FAILED }

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
     * and waits for all of them. A failed request is counted, never thrown.
     */
    public RunResult run(DataSource dataSource, Workload workload, int requests, ProgressListener progress)
            throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(threads, requests), daemonThreads());
        try {
            long[] latencies = new long[requests];
            String[] errors = new String[requests];
            AtomicInteger done = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome>> outcomes = new ArrayList<>(requests);
            for (int i = 0; i < requests; i++) {
                int index = i;
                outcomes.add(workers.submit(() -> {
                    start.await();
                    Outcome outcome = request(dataSource, workload, index, latencies, errors);
                    progress.completed(done.incrementAndGet(), requests);
                    return outcome;
                }));
            }
            long began = System.nanoTime();
            start.countDown();
            Outcome[] ended = new Outcome[requests];
            for (int i = 0; i < requests; i++) {
                ended[i] = outcomeOf(outcomes.get(i), i, errors);
            }
            long elapsed = System.nanoTime() - began;
            String firstError = Arrays.stream(errors).filter(e -> e != null).findFirst().orElse(null);
            return new RunResult(requests, count(ended, Outcome.SUCCEEDED), count(ended, Outcome.FAILED),
                    count(ended, Outcome.TIMED_OUT), elapsed, successfulLatencies(latencies, ended), firstError);
        } finally {
            workers.shutdownNow();
        }
    }

    /** One request; its latency, or its error, goes into its own slot of the arrays. */
    private static Outcome request(DataSource dataSource, Workload workload, int index, long[] latencies,
                                   String[] errors) {
        long began = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            workload.execute(connection, index);
        } catch (SQLTransientConnectionException e) {
            errors[index] = e.toString();
            return Outcome.TIMED_OUT;
        } catch (Exception e) {
            errors[index] = e.toString();
            return Outcome.FAILED;
        }
        latencies[index] = System.nanoTime() - began;
        return Outcome.SUCCEEDED;
    }

    /** Future.get also makes the worker's writes to the arrays visible to this thread. */
    private static Outcome outcomeOf(Future<Outcome> outcome, int index, String[] errors) throws InterruptedException {
        try {
            return outcome.get();
        } catch (ExecutionException e) { // request() catches everything, so only the progress listener gets here
            errors[index] = "the progress listener failed: " + e.getCause();
            return Outcome.FAILED;
        }
    }

    private static int count(Outcome[] ended, Outcome wanted) {
        return (int) Arrays.stream(ended).filter(outcome -> outcome == wanted).count();
    }

    private static LatencySummary successfulLatencies(long[] latencies, Outcome[] ended) {
        long[] ofSuccesses = IntStream.range(0, ended.length)
                .filter(i -> ended[i] == Outcome.SUCCEEDED).mapToLong(i -> latencies[i]).toArray();
        return ofSuccesses.length == 0 ? LatencySummary.NONE : Statistics.latencies(ofSuccesses);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "load-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
