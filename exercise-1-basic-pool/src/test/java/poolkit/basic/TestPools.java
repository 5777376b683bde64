package poolkit.basic;

import poolkit.testsupport.Concurrently;
import poolkit.testsupport.Stall;
import poolkit.testsupport.TrackingConnectionFactory;
import org.awaitility.core.TerminalFailureException;
import org.awaitility.core.ThrowingRunnable;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
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

    /**
     * A configuration for tests: no connections at start, at most 4, and a connectionTimeout of {@link #NO_WAIT}:
     * borrowers made with it never wait for each other, so a borrow that times out means the pool lost a
     * connection, and says so in 2 s instead of 20. A test whose borrowers do wait sets {@link #PATIENT}.
     */
    static PoolConfig.Builder config() {
        return PoolConfig.builder().minConnections(0).maxConnections(4).connectionTimeout(NO_WAIT);
    }

    /**
     * The connectionTimeout of a test where no borrower waits for another: far above what a borrow from a healthy pool
     * takes (milliseconds, or one connect), even on a loaded 2-core machine.
     */
    static final Duration NO_WAIT = Duration.ofSeconds(2);

    /** The connectionTimeout of a test whose borrowers wait for each other: never reached by a healthy pool. */
    static final Duration PATIENT = Duration.ofSeconds(20);

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
     * borrowers are waiting, without assuming how the pool counts them. Fails at once when one of the borrowers'
     * {@code workers} ends instead (with its exception: a skeleton's "not implemented yet", or the pool's error), and
     * otherwise with the threads' states it saw.
     */
    static void awaitBlocked(String what, Collection<Thread> threads, int expected,
                             Collection<? extends Future<?>> workers) {
        await(what).atMost(BLOCKED_WITHIN).pollInterval(Duration.ofMillis(10)).during(Duration.ofMillis(100))
                .failFast("a borrower ended instead of waiting (" + what + ")", ended(workers))
                .untilAsserted(() -> {
                    List<Thread> copy;
                    synchronized (threads) {
                        copy = new ArrayList<>(threads);
                    }
                    assertThat(copy.stream().map(thread -> thread.getName() + " " + thread.getState()).toList())
                            .as("states of the borrower threads started so far (%d expected, each blocked: WAITING "
                                    + "or TIMED_WAITING)", expected)
                            .hasSize(expected)
                            .allMatch(state -> state.endsWith("WAITING"));
                });
    }

    /**
     * For Awaitility's {@code failFast}: fails when one of the borrowers the test expects to wait has ended instead,
     * with what it threw (a skeleton's "not implemented yet", the pool's error) or with what it returned.
     */
    static ThrowingRunnable ended(Collection<? extends Future<?>> workers) {
        return () -> {
            for (Future<?> worker : workers) {
                if (worker.isDone()) {
                    Object result = Concurrently.result(worker); // throws what the borrower threw
                    throw new AssertionError("a borrower the test expected to wait ended, with: " + result);
                }
            }
        };
    }

    /**
     * Waits for {@code reached} to be counted down by code the pool runs during {@code call} (the check a test gives
     * {@code checkIdle}, say); fails at once, with what the call threw (a skeleton's "not implemented yet") or
     * returned, when the call ends without reaching it, instead of waiting out the limit.
     */
    static void awaitReached(String what, CountDownLatch reached, Future<?> call) {
        await(what).atMost(BLOCKED_WITHIN).pollInterval(Duration.ofMillis(5))
                .failFast("the call ended first (" + what + ")", () -> {
                    if (reached.getCount() > 0 && call.isDone()) {
                        Object result = Concurrently.result(call); // throws what the call threw
                        throw new AssertionError(what + ": the call ended without getting there, with: " + result);
                    }
                })
                .until(() -> reached.getCount() == 0);
    }

    /** How long borrowers may take to start and block, on a loaded 2-core machine; a healthy run needs milliseconds. */
    private static final Duration BLOCKED_WITHIN = Duration.ofSeconds(10);

    /**
     * A watch that finds the pool's borrowers stuck: a borrower waits while a connection is idle (a lost wake-up),
     * or while a slot is neither lent nor idle nor being connected (a leaked slot), and nothing changes for
     * {@link #QUIET}: not the stats, no task ends, no call reaches the database.
     */
    static Stall<PoolStats> stall(ConnectionPool pool) {
        return Stall.when(pool::stats, s -> s.waiting() > 0 && (s.idle() > 0 || unaccounted(s) > 0),
                        "a borrower is waiting while a connection is idle, or while a slot is neither lent nor idle "
                                + "nor being connected, and nothing changes. A connection given back (or a slot freed "
                                + "by a failed connect) must wake a waiting borrower, and closing a handle must give "
                                + "its connection back to the idle ones", QUIET)
                .movingWith("call to the database", TrackingConnectionFactory::databaseWork);
    }

    /**
     * How long this exercise's watches ({@link #stall}, {@link #awaitGivenBack}) wait in a stuck-looking state before
     * they fail: the pool's stats unchanged, no task ending, no connect in progress and no call on any connection. A
     * healthy pool leaves such a state as soon as the thread that hands a connection over has run (milliseconds, even
     * on a loaded 2-core machine; anything slow, a connect or a query, shows as work); a stuck one never does.
     */
    static final Duration QUIET = Duration.ofMillis(500);

    /**
     * Checks that the pool has taken back the connections of the handles the test closed (their close() calls
     * returned): every connection it owns is lent or idle again, or being connected ({@link #unaccounted} none). A
     * handle's close() gives its connection back before it returns (README, Task 3), so with no borrower waiting this
     * is checked at once, and a connection neither lent nor idle fails the test now, saying what was closed and the
     * stats it saw, instead of letting the next borrow wait out its connectionTimeout. While a borrower waits, a
     * connection may be on its way to it (handed over on the waiter's thread): then this waits until the pool is
     * accounted for, and fails after {@link #QUIET} of nothing happening. Checks nothing while {@code stats()} is not
     * written.
     */
    static void awaitGivenBack(ConnectionPool pool, String what) {
        PoolStats now;
        int connecting = TrackingConnectionFactory.connectsInProgress();
        try {
            now = pool.stats();
        } catch (RuntimeException notWrittenYet) {
            return;
        }
        // A connect that starts or ends while stats() is read is counted as in progress.
        connecting = Math.max(connecting, TrackingConnectionFactory.connectsInProgress());
        if (unaccounted(now, connecting) <= 0) {
            return; // given back, as close() promises
        }
        if (now.waiting() == 0) {
            throw new AssertionError(notTakenBack(what) + " (stats: " + now + "; connects in progress: " + connecting
                    + ")");
        }
        Stall<PoolStats> notBack = Stall.when(pool::stats, s -> unaccounted(s) > 0, notTakenBack(what), QUIET)
                .movingWith("call to the database", TrackingConnectionFactory::databaseWork);
        try {
            await(what + " given back to the pool").atMost(GIVEN_BACK_WITHIN).pollInterval(Duration.ofMillis(5))
                    .failFast("the pool is stuck with a connection neither lent nor idle", notBack::check)
                    .untilAsserted(() -> {
                        PoolStats stats;
                        try {
                            stats = pool.stats();
                        } catch (RuntimeException notWrittenYet) {
                            return;
                        }
                        assertThat(unaccounted(stats))
                                .as("connections the pool owns (total) that are neither lent nor idle nor being "
                                        + "connected, after %s: %s", what, stats)
                                .isNotPositive();
                    });
        } catch (TerminalFailureException stuck) {
            throw new AssertionError(stuck.getCause() == null ? stuck.getMessage() : stuck.getCause().getMessage());
        } finally {
            notBack.stop();
        }
    }

    /**
     * Of the connections the pool counts ({@code total}), how many are neither lent nor idle nor being connected
     * (a connect in progress, of any pool of this JVM, may fill a slot the pool counts already): more than none for
     * longer than a hand-over is a slot the pool lost.
     */
    static int unaccounted(PoolStats stats) {
        return unaccounted(stats, TrackingConnectionFactory.connectsInProgress());
    }

    private static int unaccounted(PoolStats stats, int connecting) {
        return stats.total() - stats.active() - stats.idle() - connecting;
    }

    /** What {@link #awaitGivenBack} says when the connection of a closed handle is neither lent nor idle. */
    private static String notTakenBack(String what) {
        return "the pool has not taken back " + what + ": its connection is neither lent nor idle. Closing a handle "
                + "must give its connection back to the idle ones (or close it and stop counting it, if it is not to "
                + "be lent again) before close() returns, so the next borrower can have it";
    }

    /** Backstop of {@link #awaitGivenBack} for a pool that keeps working with the database without giving it back. */
    private static final Duration GIVEN_BACK_WITHIN = Duration.ofSeconds(10);

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

    /**
     * Like {@link #allWithin(List, Duration, Supplier)}, and fails as soon as the first borrower fails (with its
     * exception) or the pool's borrowers are stuck (see {@link #stall}), with the lesson and the stats it saw.
     */
    static <T> List<T> allWithin(List<Future<T>> futures, Duration limit, ConnectionPool pool, Supplier<String> lesson)
            throws Exception {
        return allWithin(futures, limit, stall(pool), lesson);
    }

    /**
     * Like {@link #stall}, and also stuck when a borrower waits while the pool is below {@code max} connections: a
     * slot freed (a connection closed by a check, a failed connect) that woke no one. For a test that knows the limit.
     */
    static Stall<PoolStats> stallBelow(ConnectionPool pool, int max) {
        return Stall.when(pool::stats, s -> s.waiting() > 0
                        && (s.idle() > 0 || s.active() + s.idle() < s.total() || s.total() < max),
                "a borrower is waiting while a connection is idle, or while the pool is below maxConnections (" + max
                        + "), and nothing changes. A connection that comes free, or a slot freed by closing a "
                        + "connection, must wake a waiting borrower, which may then open a connection in it");
    }

    /** Like {@link #allWithin(List, Duration, ConnectionPool, Supplier)}, with a watch of the test's choosing. */
    static <T> List<T> allWithin(List<Future<T>> futures, Duration limit, Stall<PoolStats> stall,
                                 Supplier<String> lesson) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (true) {
                Future<T> pending = null;
                int done = 0;
                for (Future<T> future : futures) {
                    if (!future.isDone()) {
                        pending = pending == null ? future : pending;
                    } else {
                        Concurrently.result(future); // throws what a borrower threw
                        done++;
                    }
                }
                if (pending == null) {
                    return Concurrently.results(futures);
                }
                if (System.nanoTime() - deadline > 0) {
                    fail((futures.size() - done) + " of " + futures.size() + " borrowers not done after "
                            + limit.toMillis() + " ms: " + lesson.get());
                }
                try {
                    stall.check();
                } catch (AssertionError stuck) {
                    fail((futures.size() - done) + " of " + futures.size() + " borrowers " + lesson.get() + " ("
                            + stuck.getMessage() + ")");
                }
                try {
                    pending.get(20, TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // looked at on the next round
                }
            }
        } finally {
            stall.stop();
            futures.forEach(future -> future.cancel(true));
        }
    }

    /** Like {@link #allWithin(List, Duration, ConnectionPool, Supplier)}, for one borrower. */
    static <T> T within(Future<T> future, Duration limit, ConnectionPool pool, Supplier<String> lesson)
            throws Exception {
        return allWithin(List.of(future), limit, pool, lesson).get(0);
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
