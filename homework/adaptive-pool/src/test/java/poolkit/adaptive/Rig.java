package poolkit.adaptive;

import poolkit.basic.PoolConfig;
import poolkit.testsupport.Concurrently;
import poolkit.testsupport.TestDatabase;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;
import poolkit.testsupport.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the controller tests share: a {@link ResizablePool} on a real database with a hand-driven ticker, a
 * controller on it, and borrowers whose "slow queries" last exactly as long as the test says, on that ticker.
 */
final class Rig implements AutoCloseable {

    /** The controller configuration most tests use: floor 2, ceiling 6, grow by 2, shrink by 1, target 100 ms. */
    static AdaptiveConfig.Builder config() {
        return AdaptiveConfig.builder().floor(2).ceiling(6).targetWait(Duration.ofMillis(100))
                .window(Duration.ofSeconds(1)).coolDown(Duration.ofSeconds(1)).growStep(2).shrinkStep(1).minSamples(4);
    }

    /** Longer than the window and the cool-down of {@link #config()}: old waits have slid out, the cool-down is over. */
    static final Duration QUIET_PERIOD = Duration.ofMillis(1100);

    /** Slower than {@link #config()}'s target wait: whoever waits behind such a query waits too long. */
    static final Duration SLOW_QUERY = Duration.ofMillis(300);

    final ManualTicker ticker = new ManualTicker();
    final TrackingConnectionFactory factory;
    final ResizablePool pool;
    final AdaptiveController controller;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    /** A pool on a fresh H2 database whose limit starts at {@code initialLimit}, and a controller for it. */
    Rig(AdaptiveConfig config, int initialLimit) throws SQLException {
        this(TestDatabases.h2(), config, initialLimit);
    }

    Rig(TestDatabase database, AdaptiveConfig config, int initialLimit) throws SQLException {
        factory = new TrackingConnectionFactory(database);
        pool = new ResizablePool(PoolConfig.builder().minConnections(0).maxConnections(initialLimit)
                .connectionTimeout(Duration.ofSeconds(30)).build(), factory::connect, ticker);
        AdaptiveController created;
        try {
            created = new AdaptiveController(pool, config);
        } catch (RuntimeException e) {
            pool.close();
            executor.shutdownNow();
            throw e;
        }
        controller = created;
    }

    /**
     * {@code borrowers} threads borrow at once and each holds its connection, running a query, for {@code queryTime}
     * of ticker time. Those that found every connection lent wait exactly that long; the others do not wait at all.
     * Returns when every borrower has given its connection back, so all waits are recorded.
     */
    void burst(int borrowers, Duration queryTime) throws Exception {
        CountDownLatch queriesDone = new CountDownLatch(1);
        AtomicInteger holding = new AtomicInteger();
        List<Future<Integer>> running = new ArrayList<>();
        for (int i = 0; i < borrowers; i++) {
            running.add(executor.submit(() -> {
                try (Connection connection = pool.getConnection()) {
                    holding.incrementAndGet();
                    int one = Sql.selectOne(connection);
                    queriesDone.await();
                    return one;
                }
            }));
        }
        // Once every borrower holds a connection or waits in the pool, "run" the queries: move the clock.
        await("each of the " + borrowers + " borrowers to hold a connection or wait in the pool")
                .atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .failFast("a borrower of the burst ended before the test let the queries finish", () -> {
                    for (Future<Integer> borrower : running) {
                        if (borrower.isDone()) {
                            throw new AssertionError("it returned " + Concurrently.result(borrower)); // or throws
                        }
                    }
                })
                .untilAsserted(() -> assertThat(holding.get() + pool.stats().waiting())
                        .as("borrowers holding a connection (%d) or waiting in the pool (stats: %s)", holding.get(),
                                pool.stats())
                        .isEqualTo(borrowers));
        ticker.advance(queryTime);
        queriesDone.countDown();
        Concurrently.results(running);
    }

    /** Borrows {@code count} connections one after the other, each given back at once: nobody waits. */
    void quickBorrows(int count) throws SQLException {
        for (int i = 0; i < count; i++) {
            try (Connection connection = pool.getConnection()) {
                Sql.selectOne(connection);
            }
        }
    }

    /** Borrows {@code count} connections and keeps them until the test closes them. */
    List<Connection> hold(int count) throws SQLException {
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            held.add(pool.getConnection());
        }
        return held;
    }

    static void giveBack(List<Connection> connections) throws SQLException {
        for (Connection connection : connections) {
            connection.close();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        pool.close(); // the controller is left to the tests of Task 5, which close it themselves
    }
}
