package poolkit.priority;

import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import poolkit.testsupport.Concurrently;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.awaitility.Awaitility.await;

/**
 * Deterministic hand-offs for the ordering tests, without timing guesses. The test exhausts the pool with
 * {@link #hold}, lines borrowers up one at a time with {@link #join} (each is a thread that waits in
 * {@code getConnection(priority)}; the next joins only once the pool counts the previous one as waiting, so the
 * arrival order is known), then gives connections back one at a time with {@link #releaseOne()}, which waits until
 * exactly one more borrower was served and says who. Served borrowers keep their connection, so the only
 * connections that move are those the test gives back.
 */
final class WaitingLine implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final PriorityPool pool;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Deque<Connection> held = new ConcurrentLinkedDeque<>();
    private final List<String> served = new CopyOnWriteArrayList<>();
    private final Map<String, Future<Void>> borrowers = new LinkedHashMap<>();

    WaitingLine(PriorityPool pool) {
        this.pool = pool;
    }

    /** Borrows in the test's own thread and keeps the connection: call it until the pool is exhausted. */
    void hold(Priority priority) throws SQLException {
        held.addLast(pool.getConnection(priority));
    }

    /** Starts a borrower named {@code id} and returns once the pool counts it as waiting in the line of its priority. */
    void join(String id, Priority priority) throws Exception {
        int expectedWaiting = waiting(priority) + 1;
        Future<Void> borrower = executor.submit(() -> {
            Connection connection = pool.getConnection(priority);
            held.addLast(connection);
            served.add(id);
            return null;
        });
        borrowers.put(id, borrower);
        try {
            patiently(id + " (" + priority + ") to be counted as waiting").failFast(borrower::isDone).until(() -> waiting(priority) == expectedWaiting);
        } catch (TerminalFailureException | ConditionTimeoutException e) {
            if (borrower.isDone()) {
                Concurrently.result(borrower); // a failure in the borrower is the clearest message
                throw new AssertionError(id + " (" + priority + ") got a connection at once, but it should have "
                        + "waited: stats " + pool.stats());
            }
            throw new AssertionError(id + " (" + priority + ") should be counted as waiting in stats() once it is in "
                    + "line; expected " + expectedWaiting + " " + priority + " waiting, stats " + pool.stats(), e);
        }
    }

    /** Gives back the connection held longest, and returns who got it: the borrower served next. */
    String releaseOne() throws Exception {
        int servedBefore = served.size();
        Connection oldest = held.pollFirst();
        if (oldest == null) {
            throw new AssertionError("the test holds no connection to give back; served so far: " + served);
        }
        oldest.close();
        try {
            patiently("a waiting borrower to get the connection given back").until(() -> served.size() > servedBefore);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("a connection was given back, but no waiting borrower got it within "
                    + PATIENCE.toSeconds() + " s (a lost hand-off or wake-up?). Served so far, in order: " + served
                    + "; borrowers that failed: " + failures() + "; stats " + pool.stats(), e);
        }
        return served.get(servedBefore);
    }

    /** Gives back {@code count} connections one at a time and returns who got each, in order. */
    List<String> releaseEach(int count) throws Exception {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            order.add(releaseOne());
        }
        return order;
    }

    /** The borrower started as {@code id}, to inspect how it ended. */
    Future<Void> borrower(String id) {
        return borrowers.get(id);
    }

    /** Who has been served so far, in order. */
    List<String> served() {
        return List.copyOf(served);
    }

    /** Waits for {@code what}; polls often, so that a line of ten borrowers takes milliseconds, and gives up only after {@link #PATIENCE}. */
    private static ConditionFactory patiently(String what) {
        return await(what).atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    private int waiting(Priority priority) {
        PriorityPoolStats stats = pool.stats();
        return priority == Priority.CRITICAL ? stats.criticalWaiting() : stats.regularWaiting();
    }

    private Map<String, String> failures() {
        Map<String, String> failures = new LinkedHashMap<>();
        borrowers.forEach((id, borrower) -> {
            if (borrower.isDone()) {
                try {
                    borrower.get();
                } catch (Exception e) {
                    failures.put(id, String.valueOf(e.getCause()));
                }
            }
        });
        return failures;
    }

    /** Gives back every connection still held and stops the borrowers still waiting. */
    @Override
    public void close() {
        Connection connection;
        while ((connection = held.pollFirst()) != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException e) {
                // The test is over; the pool is closed next.
            }
        }
        executor.shutdownNow();
    }
}
