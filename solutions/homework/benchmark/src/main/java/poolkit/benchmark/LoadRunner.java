package poolkit.benchmark;

import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;

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

    private enum Ending { SUCCEEDED, TIMED_OUT, FAILED }

    /** How one request ended: its latency if it succeeded, what it threw if not. */
    private record Outcome(Ending ending, long latencyNanos, String error) {
    }

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
        Workers workers = new Workers(requests);
        try {
            AtomicInteger done = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < requests; i++) {
                int index = i;
                workers.submit(() -> {
                    start.await();
                    // Closed model: the request starts when its worker does, so that is where its latency starts.
                    Outcome outcome = request(dataSource, workload, index, System.nanoTime());
                    progress.completed(done.incrementAndGet(), requests);
                    return outcome;
                });
            }
            long began = System.nanoTime();
            start.countDown();
            return workers.collect(began);
        } finally {
            workers.stop();
        }
    }

    /**
     * The open model: sends request i at the run's start plus {@code model.intendedStartNanos(i, requests)}, without
     * waiting for earlier requests, and measures its latency from that intended start. Otherwise as {@link #run}.
     *
     * @throws IllegalArgumentException when {@code model} is the closed model
     */
    public RunResult runOpen(DataSource dataSource, Workload workload, int requests, LoadModel model,
                             ProgressListener progress) throws InterruptedException {
        if (!model.isOpen()) {
            throw new IllegalArgumentException("runOpen needs an open model (a rate or a ramp), not " + model
                    + ": use run() for the closed model");
        }
        Workers workers = new Workers(requests);
        try {
            AtomicInteger done = new AtomicInteger();
            long began = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                int index = i;
                long intendedStart = began + model.intendedStartNanos(i, requests);
                waitUntil(intendedStart);
                // Sent on time even if every worker is busy (then it queues): the latency counts from the schedule,
                // not from whenever a worker got to it.
                workers.submit(() -> {
                    Outcome outcome = request(dataSource, workload, index, intendedStart);
                    progress.completed(done.incrementAndGet(), requests);
                    return outcome;
                });
            }
            return workers.collect(began);
        } finally {
            workers.stop();
        }
    }

    /** One request, timed from {@code startNanos} to the moment its connection is back. Never throws. */
    private static Outcome request(DataSource dataSource, Workload workload, int index, long startNanos) {
        try (Connection connection = dataSource.getConnection()) {
            workload.execute(connection, index);
        } catch (SQLTransientConnectionException e) {
            return new Outcome(Ending.TIMED_OUT, 0, e.toString());
        } catch (Exception e) {
            return new Outcome(Ending.FAILED, 0, e.toString());
        }
        // After the try-with-resources: the connection has been given back, which is part of the request.
        return new Outcome(Ending.SUCCEEDED, System.nanoTime() - startNanos, null);
    }

    private static void waitUntil(long deadline) throws InterruptedException {
        for (long remaining = deadline - System.nanoTime(); remaining > 0; remaining = deadline - System.nanoTime()) {
            LockSupport.parkNanos(remaining);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting to send the next request");
            }
        }
    }

    /**
     * The threads a run's requests run on: a fixed pool of platform workers, or a new virtual thread for each
     * request. Virtual threads are never pooled: they cost little, and the connection pool already limits how many
     * requests run at once.
     */
    private final class Workers {
        private final ThreadFactory factory = threadKind.factory("load-");
        private final ExecutorService platformPool;
        private final List<Future<Outcome>> outcomes;

        Workers(int requests) {
            outcomes = new ArrayList<>(requests);
            platformPool = threadKind == ThreadKind.VIRTUAL ? null
                    : Executors.newFixedThreadPool(Math.min(threads, requests), factory);
        }

        void submit(Callable<Outcome> request) {
            if (platformPool != null) {
                outcomes.add(platformPool.submit(request));
                return;
            }
            FutureTask<Outcome> outcome = new FutureTask<>(request);
            factory.newThread(outcome).start();
            outcomes.add(outcome);
        }

        /**
         * Waits for every request, then records the latencies in one histogram, here on one thread: Future.get makes
         * each request's outcome visible to this thread, and a Histogram is not thread-safe.
         */
        RunResult collect(long began) throws InterruptedException {
            Histogram latencies = Statistics.newHistogram();
            int succeeded = 0;
            int timeouts = 0;
            int errors = 0;
            String firstError = null;
            for (Future<Outcome> future : outcomes) {
                Outcome outcome = outcomeOf(future);
                switch (outcome.ending()) {
                    case SUCCEEDED -> {
                        succeeded++;
                        latencies.recordValue(outcome.latencyNanos());
                    }
                    case TIMED_OUT -> timeouts++;
                    case FAILED -> errors++;
                }
                if (firstError == null && outcome.error() != null) {
                    firstError = outcome.error();
                }
            }
            long elapsed = System.nanoTime() - began;
            return new RunResult(outcomes.size(), succeeded, errors, timeouts, elapsed, latencies, firstError);
        }

        private Outcome outcomeOf(Future<Outcome> future) throws InterruptedException {
            try {
                return future.get();
            } catch (ExecutionException e) { // request() catches every Exception: the progress listener threw
                return new Outcome(Ending.FAILED, 0, "the request or its progress listener threw " + e.getCause());
            }
        }

        /** Cancels whatever is still running (after a failure or an interrupt) and lets the workers go. */
        void stop() {
            outcomes.forEach(outcome -> outcome.cancel(true));
            if (platformPool != null) {
                platformPool.shutdownNow();
            }
        }
    }
}
