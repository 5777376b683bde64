package poolkit.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

    /**
     * Far longer than any healthy run needs (the longest, a scenario's 1000 requests on PostgreSQL, takes a few
     * seconds on a loaded 2-core machine); reached only when the code under test hangs in a way a {@link Stall}
     * watch cannot see. Below JUnit's default timeout (root pom), so this message, not JUnit's, reports the hang.
     */
    public static final long DEADLINE_SECONDS = 30;

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
        return run(threads, tasks, Stall.never(), task);
    }

    /**
     * Like {@link #run(int, int, IndexedTask)}, and fails as soon as {@code stall} finds the run stuck (a pool's
     * stats unchanged for {@link Stall#QUIET} in a state only a wake-up ends, with no task finishing), with the
     * watch's lesson and the state it saw, instead of waiting for the borrowers' connection timeouts.
     */
    public static <T> List<T> run(int threads, int tasks, Stall<?> stall, IndexedTask<T> task) throws Exception {
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
                Future<T> finished = null;
                while (finished == null && deadline - System.nanoTime() > 0) {
                    finished = completions.poll(Math.min(POLL_NANOS, deadline - System.nanoTime()),
                            TimeUnit.NANOSECONDS);
                    if (finished == null) {
                        stall.check();
                    }
                }
                stall.progressed();
                if (finished == null) {
                    throw new AssertionError((tasks - done) + " of " + tasks + " tasks did not finish within "
                            + DEADLINE_SECONDS + " s: the code under test seems to hang (a lost wake-up, or a lock "
                            + "never released?)");
                }
                try {
                    finished.get();
                } catch (ExecutionException e) {
                    executor.shutdownNow();
                    Throwable cause = e.getCause();
                    List<Throwable> failures = futures.stream().filter(f -> f.isDone() && !f.isCancelled())
                            .map(Concurrently::failure).filter(f -> f != null).toList();
                    long same = failures.stream().filter(f -> sameWay(f, cause)).count();
                    cause.addSuppressed(new AssertionError("the run was stopped at this first failure; "
                            + failures.size() + " of the " + tasks + " tasks had failed by then, " + same
                            + " of them the same way (" + (done + 1) + " had finished)"));
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw (Exception) cause;
                }
            }
            return results(futures);
        } finally {
            executor.shutdownNow();
            stall.stop();
        }
    }

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** What a finished task threw, or null if it returned. */
    private static Throwable failure(Future<?> future) {
        try {
            future.get(0, TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return null;
        }
    }

    /** Same class and message, but for numbers (a task's index, a count): the same mistake, met by another task. */
    private static boolean sameWay(Throwable a, Throwable b) {
        return a.getClass() == b.getClass() && Objects.equals(withoutNumbers(a), withoutNumbers(b));
    }

    private static String withoutNumbers(Throwable t) {
        return String.valueOf(t.getMessage()).replaceAll("\\d+", "#");
    }

    /** Waits for every future and returns the results, throwing the first failure as the test's own. */
    public static <T> List<T> results(List<Future<T>> futures) throws Exception {
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(result(future));
        }
        return results;
    }

    /**
     * Waits for every future and returns the results, failing fast: the first failure among them (whichever future
     * it is in) is thrown as the test's own as soon as it happens, and the wait ends early when {@code stall} finds
     * the workers stuck (see {@link Stall}); a hang past {@link #DEADLINE_SECONDS} becomes a clear failure.
     */
    public static <T> List<T> results(List<Future<T>> futures, Stall<?> stall) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        int doneBefore = 0;
        try {
            while (true) {
                int done = 0;
                Future<T> pending = null;
                for (Future<T> future : futures) {
                    if (!future.isDone()) {
                        pending = pending == null ? future : pending;
                    } else if (failure(future) != null) {
                        return List.of(result(future)); // throws the worker's exception
                    } else {
                        done++;
                    }
                }
                if (pending == null) {
                    return results(futures);
                }
                if (done != doneBefore) {
                    doneBefore = done;
                    stall.progressed();
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError((futures.size() - done) + " of " + futures.size() + " workers did not "
                            + "finish within " + DEADLINE_SECONDS + " s: the code under test seems to hang (a lost "
                            + "wake-up, or a lock never released?)");
                }
                stall.check();
                try {
                    pending.get(POLL_NANOS, TimeUnit.NANOSECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // looked at on the next round
                }
            }
        } finally {
            stall.stop();
        }
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
