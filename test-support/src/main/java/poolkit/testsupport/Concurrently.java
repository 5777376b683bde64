package poolkit.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs work on many threads at once, so that what fails in a worker reaches JUnit: every task is submitted to an
 * executor, and the first failure is thrown in the test's own thread as soon as it happens.
 */
public final class Concurrently {

    /** Far longer than any healthy run needs; reached only when the code under test hangs. */
    public static final long DEADLINE_SECONDS = 60;

    private Concurrently() {
    }

    /**
     * Runs {@code tasks} calls of {@code task} on {@code threads} threads. All threads are released together, so
     * the calls contend from the first one. Returns the results in task order.
     *
     * <p>Fails fast: the first task that throws stops the run (the other tasks are cancelled) and its exception is
     * thrown here, with a note of how many other tasks had failed by then, so a broken pool costs one failure
     * and a few milliseconds, not a thousand stack traces or a long wait.
     */
    public static <T> List<T> run(int threads, int tasks, IndexedTask<T> task) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CompletionService<T> completions = new ExecutorCompletionService<>(executor);
            CountDownLatch ready = new CountDownLatch(Math.min(threads, tasks));
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                int index = i;
                futures.add(completions.submit(() -> {
                    if (index < threads) {
                        ready.countDown();
                    }
                    go.await();
                    return task.call(index);
                }));
            }
            ready.await(DEADLINE_SECONDS, TimeUnit.SECONDS);
            go.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
            for (int done = 0; done < tasks; done++) {
                Future<T> finished = completions.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (finished == null) {
                    throw new AssertionError((tasks - done) + " of " + tasks + " tasks did not finish within "
                            + DEADLINE_SECONDS + " s: the code under test seems to hang (a lost wake-up, or a lock "
                            + "never released?)");
                }
                try {
                    finished.get();
                } catch (ExecutionException e) {
                    executor.shutdownNow();
                    long failed = futures.stream().filter(f -> f.isDone() && !f.isCancelled() && failed(f)).count();
                    Throwable cause = e.getCause();
                    cause.addSuppressed(new AssertionError("the run was stopped at this first failure; " + failed
                            + " of the " + tasks + " tasks had failed by then (" + (done + 1) + " had finished)"));
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw (Exception) cause;
                }
            }
            return results(futures);
        } finally {
            executor.shutdownNow();
        }
    }

    private static boolean failed(Future<?> future) {
        try {
            future.get(0, TimeUnit.NANOSECONDS);
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Waits for every future and returns the results, throwing the first failure as the test's own. */
    public static <T> List<T> results(List<Future<T>> futures) throws Exception {
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(result(future));
        }
        return results;
    }

    /** Waits for one future; a failure in the worker is rethrown here, a hang becomes a clear failure. */
    public static <T> T result(Future<T> future) throws Exception {
        try {
            return future.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (Exception) e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("a worker did not finish within " + DEADLINE_SECONDS
                    + " s: the code under test seems to hang (a lost wake-up, or a lock never released?)", e);
        }
    }

    /** One unit of concurrent work; it gets its index among all tasks. */
    @FunctionalInterface
    public interface IndexedTask<T> {
        T call(int index) throws Exception;
    }
}
