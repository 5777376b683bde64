package poolkit.basic;

import poolkit.testsupport.Concurrently;
import poolkit.testsupport.TrackingConnectionFactory;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/** Small helpers shared by this exercise's tests. */
final class TestPools {

    private TestPools() {
    }

    /** A configuration for tests: no connections at start, at most 4, a timeout long enough for a loaded machine. */
    static PoolConfig.Builder config() {
        return PoolConfig.builder().minConnections(0).maxConnections(4).connectionTimeout(Duration.ofSeconds(20));
    }

    /**
     * The {@code index}th physical connection the pool opened, or a failure that says the pool opened fewer than the
     * test needs ({@code what} says why it expected them), instead of an IndexOutOfBoundsException.
     */
    static Connection physical(TrackingConnectionFactory factory, int index, String what) {
        List<Connection> opened = factory.physicalConnections();
        assertThat(opened.size()).as("physical connections the pool has opened: %s", what).isGreaterThan(index);
        return opened.get(index);
    }

    /**
     * Waits until every one of {@code expected} borrower threads (each adds itself to {@code threads} first) is
     * blocked, in the pool or in a connect the test holds, and stays blocked for a moment: so the test knows the
     * borrowers are waiting, without assuming how the pool counts them.
     */
    static void awaitBlocked(String what, Collection<Thread> threads, int expected) {
        await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).during(Duration.ofMillis(100))
                .until(() -> {
                    List<Thread> copy;
                    synchronized (threads) {
                        copy = new ArrayList<>(threads);
                    }
                    return copy.size() == expected && copy.stream().allMatch(TestPools::isBlocked);
                });
    }

    private static boolean isBlocked(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    /**
     * The future's result if it completes within {@code limit}; otherwise the test fails with the lesson (made when
     * the time is up, so it can show the pool's state then) instead of hanging until JUnit's own timeout.
     */
    static <T> T within(Future<T> future, Duration limit, Supplier<String> lesson) throws Exception {
        try {
            future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String message = "not done after " + limit.toMillis() + " ms: " + lesson.get();
            future.cancel(true);
            fail(message);
        }
        return Concurrently.result(future);
    }

    /** Like {@link #within}, for several futures that share one time limit. */
    static <T> List<T> allWithin(List<Future<T>> futures, Duration limit, Supplier<String> lesson) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        List<T> results = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            int task = i + 1;
            results.add(within(futures.get(i), left, () -> "borrower " + task + " of " + futures.size() + " "
                    + lesson.get()));
        }
        return results;
    }

    /**
     * Runs {@code action} on {@code threads} threads of {@code executor} at the same instant, as far as the machine
     * allows: each thread spins until all have arrived, so none of them is still waking up when the others act.
     */
    static void atTheSameInstant(ExecutorService executor, int threads, Concurrently.IndexedTask<?> action)
            throws Exception {
        AtomicInteger arrived = new AtomicInteger();
        List<Future<Object>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int index = i;
            futures.add(executor.submit(() -> {
                arrived.incrementAndGet();
                long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(Concurrently.DEADLINE_SECONDS);
                while (arrived.get() < threads) {
                    if (System.nanoTime() - giveUp > 0) {
                        throw new AssertionError("only " + arrived.get() + " of " + threads + " threads started");
                    }
                    Thread.onSpinWait();
                }
                return action.call(index);
            }));
        }
        Concurrently.results(futures);
    }
}
