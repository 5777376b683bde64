package poolkit.basic;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.Concurrently;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;
import poolkit.testsupport.Sql;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

@DisplayName("Task 3: borrowing a connection")
class BorrowTest {

    private final TrackingConnectionFactory factory = new TrackingConnectionFactory(TestDatabases.h2());
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stopWorkers() {
        executor.shutdownNow();
    }

    @Test
    @DisplayName("a connection given back is lent again instead of opening a new one")
    void reusesConnections() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().build(), factory::connect)) {
            for (int i = 0; i < 20; i++) {
                try (Connection connection = pool.getConnection()) {
                    assertThat(Sql.selectOne(connection)).isEqualTo(1);
                }
                TestPools.awaitGivenBack(pool, "the connection of borrow " + (i + 1) + " (its handle closed)");
            }
            assertThat(factory.opened()).as("physical connections opened for 20 borrow-and-return cycles in a row")
                    .isEqualTo(1);
        }
    }

    @Test
    @DisplayName("the pool is a DataSource: plain JDBC code borrows with getConnection() and returns with close()")
    void worksAsDataSource() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().build(), factory::connect)) {
            DataSource dataSource = pool;
            try (Connection connection = dataSource.getConnection()) {
                assertThat(Sql.selectOne(connection)).isEqualTo(1);
                assertThat(pool.stats()).as("stats while one connection is lent").isEqualTo(new PoolStats(1, 1, 0, 0));
            }
            assertThat(pool.stats()).as("stats after it was closed (given back)").isEqualTo(new PoolStats(1, 0, 1, 0));
        }
    }

    @Test
    @DisplayName("the rest of DataSource: unwrap, the log writer, the login timeout, and a clear no to per-call "
            + "credentials")
    void restOfDataSource() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().build(), factory::connect)) {
            DataSource dataSource = pool;
            assertThat(dataSource.unwrap(ConnectionPool.class)).as("unwrap(ConnectionPool.class)").isSameAs(pool);
            assertThat(dataSource.isWrapperFor(ConnectionPool.class)).as("isWrapperFor(ConnectionPool.class)").isTrue();
            assertThat(dataSource.isWrapperFor(String.class)).as("isWrapperFor(String.class)").isFalse();
            assertThat(catchThrowable(() -> dataSource.unwrap(String.class))).as("unwrap(String.class)")
                    .isInstanceOf(SQLException.class);
            PrintWriter writer = new PrintWriter(new StringWriter());
            dataSource.setLogWriter(writer);
            assertThat(dataSource.getLogWriter()).as("getLogWriter() after setLogWriter()").isSameAs(writer);
            dataSource.setLoginTimeout(7);
            assertThat(dataSource.getLoginTimeout()).as("getLoginTimeout() after setLoginTimeout(7)").isEqualTo(7);
            assertThat(catchThrowable(() -> dataSource.getConnection("someone", "secret")))
                    .as("getConnection(user, password): a pool connects with its factory's credentials")
                    .isInstanceOf(SQLFeatureNotSupportedException.class);
            assertThat(catchThrowable(dataSource::getParentLogger)).as("getParentLogger()")
                    .isInstanceOf(SQLFeatureNotSupportedException.class);
            assertThat(factory.opened()).as("physical connections opened by all this").isZero();
        }
    }

    @Test
    @DisplayName("never more than maxConnections physical connections, with 50 threads borrowing 1000 times at once")
    void neverAboveMaxUnderContention() throws Exception {
        int max = 10;
        AtomicInteger lentNow = new AtomicInteger();
        AtomicInteger peakLent = new AtomicInteger();
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(max)
                .connectionTimeout(TestPools.PATIENT).build(), factory::connect)) {
            Concurrently.run(50, 1000, TestPools.stall(pool), task -> {
                try (Connection connection = pool.getConnection()) {
                    peakLent.accumulateAndGet(lentNow.incrementAndGet(), Math::max);
                    Sql.selectOne(connection);
                    lentNow.decrementAndGet();
                }
                return null;
            });
            assertThat(factory.peakOpen()).as("most physical connections open at once; maxConnections is %d", max)
                    .isLessThanOrEqualTo(max);
            assertThat(peakLent.get()).as("most connections lent at once; maxConnections is %d", max)
                    .isLessThanOrEqualTo(max);
            assertThat(factory.opened()).as("physical connections opened for 1000 borrows (connections must be reused)")
                    .isLessThanOrEqualTo(max);
            assertThat(pool.stats().active()).as("connections still lent after every borrower closed its own").isZero();
        }
    }

    @Test
    @DisplayName("50 borrowers arriving while connects are slow never make the pool open more than maxConnections")
    void slowConnectsDoNotLetABurstExceedMax() throws Exception {
        int max = 10;
        int borrowers = 50;
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(max)
                .connectionTimeout(TestPools.PATIENT).build(), factory::connect)) {
            TrackingConnectionFactory.ConnectGate gate = factory.holdConnects();
            List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < borrowers; i++) {
                results.add(executor.submit(() -> {
                    threads.add(Thread.currentThread());
                    try (Connection connection = pool.getConnection()) {
                        return Sql.selectOne(connection);
                    }
                }));
            }
            try {
                // Whoever connects (the borrowers themselves, or a thread of the pool's own), every connect is held at
                // the gate: once all 50 borrowers are blocked, every connect the pool will start has started.
                TestPools.awaitBlocked("all " + borrowers + " borrowers blocked, waiting in getConnection() or in a "
                        + "connect the test holds", threads, borrowers, results);
                assertThat(gate.waiting())
                        .as("connects in progress at once while %d borrowers wait on an empty pool; maxConnections is %d "
                                + "(a connection being opened counts toward the limit: count it before you connect, "
                                + "not after)", borrowers, max)
                        .isLessThanOrEqualTo(max);
                assertThat(gate.waiting())
                        .as("connects in progress while %d borrowers wait on an empty pool (none started: who opens "
                                + "a connection for them?)", borrowers)
                        .isPositive();
            } finally {
                gate.open();
            }
            assertThat(TestPools.allWithin(results, Duration.ofSeconds(15), pool, () -> "not served after the test let "
                    + "the connects through (connectionTimeout is 20 s; a healthy pool serves all 50 in milliseconds): "
                    + "a borrower waiting for a connection must be woken when one is opened or given back. stats: "
                    + pool.stats()))
                    .as("results of the 50 borrowers").containsOnly(1);
            assertThat(factory.peakOpen()).as("most physical connections open at once (maxConnections is %d)", max)
                    .isLessThanOrEqualTo(max);
            assertThat(factory.opened()).as("physical connections opened for the burst (maxConnections is %d)", max)
                    .isBetween(1, max);
            PoolStats after = pool.stats();
            assertThat(after.active()).as("connections lent after every borrower closed its own: %s", after).isZero();
            assertThat(after.waiting()).as("borrowers counted as waiting after all were served: %s", after).isZero();
        }
    }

    @Test
    @DisplayName("with every connection lent, getConnection() waits connectionTimeout, not much longer, then fails "
            + "with the pool's state")
    void timesOutWithState() throws Exception {
        Duration timeout = Duration.ofMillis(2500);
        // The margin is for a loaded machine: waking a thread can take a while when every core is busy. A wait of
        // twice connectionTimeout, or one that never ends, is far outside it.
        Duration margin = Duration.ofSeconds(2);
        try (ConnectionPool pool = new ConnectionPool(
                TestPools.config().maxConnections(2).connectionTimeout(timeout).build(), factory::connect);
             Connection first = pool.getConnection();
             Connection second = pool.getConnection()) {
            Future<Attempt> borrower = executor.submit(() -> Attempt.of(pool::getConnection));
            Attempt attempt = TestPools.within(borrower, timeout.plus(margin).plusSeconds(1),
                    () -> "getConnection() on a pool whose every connection is lent was still waiting, long after its "
                            + "connectionTimeout of 2500 ms. A borrower gives up at its deadline: compute it once, "
                            + "before the first wait, and throw when it has passed. stats: " + pool.stats());

            assertThat(attempt.thrown()).as("what getConnection() throws when no connection comes free in time")
                    .isInstanceOf(SQLTransientConnectionException.class);
            assertThat(attempt.millis())
                    .as("ms getConnection() waited before giving up; connectionTimeout is 2500 ms, and a wait that "
                            + "ends more than 2 s after it is too long")
                    .isGreaterThanOrEqualTo(timeout.toMillis() - 30).isLessThan(timeout.plus(margin).toMillis());
            assertThat(attempt.thrown().getMessage())
                    .as("the timeout message should show the pool's state, like PoolStats does")
                    .contains("total=2", "active=2", "idle=0")
                    .containsPattern("waiting=\\d+");
            assertThat(pool.stats()).as("stats once the borrower that timed out has left (it waits no more)")
                    .isEqualTo(new PoolStats(2, 2, 0, 0));
            assertThat(factory.opened()).as("physical connections opened (maxConnections is 2)").isEqualTo(2);
        }
    }

    @Test
    @DisplayName("a waiting borrower gets the connection as soon as it is given back, long before its timeout")
    void waiterIsServedOnReturn() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(
                TestPools.config().maxConnections(1).connectionTimeout(Duration.ofSeconds(60)).build(), factory::connect)) {
            Connection held = pool.getConnection();
            Future<Integer> waiter = executor.submit(() -> {
                try (Connection connection = pool.getConnection()) {
                    return Sql.selectOne(connection);
                }
            });
            await("a borrower counted as waiting").atMost(Duration.ofSeconds(10))
                    .failFast("the borrower ended instead of waiting", TestPools.ended(List.of(waiter)))
                    .untilAsserted(() -> assertThat(pool.stats()).as("the pool's stats, the only connection lent")
                            .extracting(PoolStats::waiting).as("borrowers counted as waiting in stats()").isEqualTo(1));
            assertThat(waiter).as("the waiter, while the only connection is lent").isNotDone();

            held.close();
            assertThat(TestPools.within(waiter, Duration.ofSeconds(20), pool, () -> "the waiter was not served after "
                    + "the connection came back (its timeout is 60 s): a lost wake-up? stats: " + pool.stats()))
                    .as("the waiter's query").isEqualTo(1);
            assertThat(factory.opened()).as("physical connections opened (maxConnections is 1)").isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a waiting borrower is served as soon as the connection comes back, 10 times over, not on a later "
            + "check")
    void waitersAreServedPromptlyOnReturn() throws Exception {
        int handovers = 10;
        long budgetMillis = 1000; // all 10 together; each takes a few ms when the return wakes the waiter
        try (ConnectionPool pool = new ConnectionPool(
                TestPools.config().maxConnections(1).connectionTimeout(Duration.ofSeconds(20)).build(), factory::connect)) {
            Connection held = pool.getConnection();
            List<Long> delays = new ArrayList<>();
            long sum = 0;
            for (int i = 1; i <= handovers; i++) {
                List<Thread> waiterThread = Collections.synchronizedList(new ArrayList<>());
                AtomicLong servedAt = new AtomicLong();
                Future<Connection> waiter = executor.submit(() -> {
                    waiterThread.add(Thread.currentThread());
                    Connection connection = pool.getConnection();
                    servedAt.set(System.nanoTime());
                    return connection;
                });
                TestPools.awaitBlocked("borrower " + i + " blocked in getConnection() while the only connection is "
                        + "lent", waiterThread, 1, List.of(waiter));
                long returnedAt = System.nanoTime();
                held.close();
                int borrower = i;
                held = TestPools.within(waiter, Duration.ofSeconds(5), pool, () -> "borrower " + borrower + " was still "
                        + "waiting after the only connection came back (its connectionTimeout is 20 s): giving a "
                        + "connection back must wake a waiting borrower. stats: " + pool.stats());
                long delay = TimeUnit.NANOSECONDS.toMillis(servedAt.get() - returnedAt);
                delays.add(delay);
                sum += delay;
                assertThat(sum).as("ms from each return to the waiting borrower getting the connection, so far %s; "
                        + "the 10 together may take %d ms. A waiter must be woken by the return itself, not find the "
                        + "connection on a periodic check or at its deadline", delays, budgetMillis)
                        .isLessThan(budgetMillis);
            }
            held.close();
            assertThat(factory.opened()).as("physical connections opened (maxConnections is 1)").isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a slot freed by a failed connect goes at once to a borrower already waiting")
    void slotOfAFailedConnectServesAWaiter() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(
                TestPools.config().maxConnections(1).connectionTimeout(Duration.ofSeconds(20)).build(), factory::connect)) {
            TrackingConnectionFactory.ConnectGate gate = factory.holdConnects();
            factory.failNextConnects(1);
            Future<Object> first = executor.submit(() -> {
                try (Connection connection = pool.getConnection()) {
                    return "served"; // a pool that retries a failed connect may serve it after all
                } catch (SQLException e) {
                    return e;
                }
            });
            await("a connect started for the first borrower (the only slot)").atMost(Duration.ofSeconds(10))
                    .failFast("the first borrower ended before its connect was let through", TestPools.ended(List.of(first)))
                    .untilAsserted(() -> assertThat(gate.waiting()).as("connects held at the test's gate (stats %s)",
                            pool.stats()).isEqualTo(1));
            List<Thread> waiterThread = Collections.synchronizedList(new ArrayList<>());
            Future<Integer> waiter = executor.submit(() -> {
                waiterThread.add(Thread.currentThread());
                try (Connection connection = pool.getConnection()) {
                    return Sql.selectOne(connection);
                }
            });
            TestPools.awaitBlocked("a second borrower waiting while the only slot is being connected", waiterThread, 1,
                    List.of(waiter, first));

            gate.open(); // the held connect now fails, and its slot is free
            assertThat(TestPools.within(waiter, Duration.ofSeconds(5), pool, () -> "the borrower waiting while a connect "
                    + "failed was not served within 5 s of the failure (its connectionTimeout is 20 s): a failed connect "
                    + "must give its slot back and wake a waiter, which may then open a connection in it. stats: "
                    + pool.stats())).as("the waiting borrower's query").isEqualTo(1);
            assertThat(Concurrently.result(first)).as("what the first borrower got (its connect was refused)")
                    .satisfiesAnyOf(outcome -> assertThat(outcome).isInstanceOf(SQLException.class),
                            outcome -> assertThat(outcome).isEqualTo("served"));
            assertThat(pool.stats().waiting()).as("borrowers counted as waiting after both left").isZero();
        }
    }

    @Test
    @DisplayName("a failed connect does not use up a slot: afterwards maxConnections can still all be lent")
    void failedConnectDoesNotLeakASlot() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(
                TestPools.config().maxConnections(2).connectionTimeout(Duration.ofMillis(500)).build(), factory::connect)) {
            factory.failAllConnects(true);
            for (int i = 0; i < 5; i++) {
                assertThat(catchThrowable(pool::getConnection))
                        .as("getConnection() while the database refuses connections")
                        .isInstanceOf(SQLException.class)
                        .hasStackTraceContaining("injected connect failure");
            }
            factory.failAllConnects(false);
            List<Connection> lent = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    lent.add(pool.getConnection());
                }
            } catch (SQLException e) {
                fail("after 5 failed connects the pool could lend only " + lent.size() + " of maxConnections=2: "
                        + "each failed connect must give its slot back. stats: " + pool.stats(), e);
            } finally {
                for (Connection connection : lent) {
                    connection.close();
                }
            }
            assertThat(pool.stats().total()).as("connections the pool owns after all this").isEqualTo(2);
        }
    }

    @Test
    @DisplayName("a slow connect does not block borrowers who can be served from idle connections")
    void slowConnectDoesNotBlockOthers() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(
                TestPools.config().minConnections(2).maxConnections(3).build(), factory::connect)) {
            Connection idleOne = pool.getConnection();
            Connection idleTwo = pool.getConnection();
            TrackingConnectionFactory.ConnectGate gate = factory.holdConnects();
            Future<Connection> slow = executor.submit(() -> pool.getConnection()); // must open a new one: held at the gate
            await("a connect started for the third borrower").atMost(Duration.ofSeconds(10))
                    .failFast("the third borrower ended before its connect was let through", TestPools.ended(List.of(slow)))
                    .untilAsserted(() -> assertThat(gate.waiting()).as("connects held at the test's gate (stats %s)",
                            pool.stats()).isEqualTo(1));

            // Two come back and one more borrower asks: whether the pool hands one to the borrower whose connect is
            // held or keeps both idle, one is there for this borrower, and no lock may keep it from it.
            Future<Integer> fast = executor.submit(() -> {
                idleOne.close();
                idleTwo.close();
                TestPools.awaitGivenBack(pool, "two idle borrowers' connections (their handles closed)");
                try (Connection again = pool.getConnection()) {
                    return Sql.selectOne(again);
                }
            });
            try {
                assertThat(TestPools.within(fast, Duration.ofSeconds(5), () -> "giving back and borrowing an idle "
                        + "connection took over 5 s (it takes milliseconds) while another thread was connecting: do "
                        + "not hold the pool's lock while the factory connects. stats: " + pool.stats()))
                        .as("a query on the connection borrowed while another borrower's connect was held")
                        .isEqualTo(1);
            } finally {
                gate.open();
            }
            Concurrently.result(slow).close();
        }
    }

    @Test
    @DisplayName("an interrupted waiter gets an SQLException, keeps its interrupt flag, and the pool stays consistent")
    void interruptedWaiter() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(
                TestPools.config().maxConnections(1).connectionTimeout(Duration.ofSeconds(60)).build(), factory::connect)) {
            Connection held = pool.getConnection();
            AtomicReference<Thread> waiterThread = new AtomicReference<>();
            Future<Object> waiter = executor.submit(() -> {
                waiterThread.set(Thread.currentThread());
                try (Connection unexpected = pool.getConnection()) {
                    return "got a connection although the only one was lent";
                } catch (SQLException e) {
                    return Thread.currentThread().isInterrupted() ? e : "SQLException, but the interrupt flag was cleared";
                }
            });
            await("a borrower counted as waiting").atMost(Duration.ofSeconds(10))
                    .failFast("the borrower ended instead of waiting", TestPools.ended(List.of(waiter)))
                    .untilAsserted(() -> assertThat(pool.stats()).as("the pool's stats, the only connection lent")
                            .extracting(PoolStats::waiting).as("borrowers counted as waiting in stats()").isEqualTo(1));
            waiterThread.get().interrupt();

            assertThat(Concurrently.result(waiter)).as("what the interrupted waiter saw")
                    .isInstanceOf(SQLException.class);
            assertThat(pool.stats()).as("stats after the interrupted waiter left").isEqualTo(new PoolStats(1, 1, 0, 0));
            held.close();
            Future<Integer> next = executor.submit(() -> {
                try (Connection connection = pool.getConnection()) {
                    return Sql.selectOne(connection);
                }
            });
            assertThat(TestPools.within(next, Duration.ofSeconds(5), pool, () -> "a borrow after the interrupted "
                    + "waiter left and the only connection came back was not served. stats: " + pool.stats()))
                    .as("a query on the connection lent after the interrupted waiter left").isEqualTo(1);
            assertThat(factory.opened()).as("physical connections opened (maxConnections is 1)").isEqualTo(1);
        }
    }

    /** What one getConnection() call ended with, and how long it took. */
    private record Attempt(Throwable thrown, long millis) {

        static Attempt of(SqlCall call) {
            long start = System.nanoTime();
            Throwable thrown;
            try {
                Connection connection = call.run();
                thrown = connection == null
                        ? new AssertionError("getConnection() returned null: it must return a connection or throw")
                        : new AssertionError("getConnection() returned a connection although every one was lent");
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException e) {
                thrown = e;
            }
            return new Attempt(thrown, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
    }

    @FunctionalInterface
    private interface SqlCall {
        Connection run() throws SQLException;
    }
}
