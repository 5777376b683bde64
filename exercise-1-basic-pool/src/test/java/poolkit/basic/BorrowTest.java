package poolkit.basic;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.Concurrently;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;
import poolkit.testsupport.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
    @DisplayName("never more than maxConnections physical connections, with 50 threads borrowing 1000 times at once")
    void neverAboveMaxUnderContention() throws Exception {
        int max = 10;
        AtomicInteger lentNow = new AtomicInteger();
        AtomicInteger peakLent = new AtomicInteger();
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(max).build(), factory::connect)) {
            Concurrently.run(50, 1000, task -> {
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
    @DisplayName("50 borrowers arriving while connects are slow make the pool open at most maxConnections")
    void slowConnectsDoNotLetABurstExceedMax() throws Exception {
        int max = 10;
        int borrowers = 50;
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(max)
                .connectionTimeout(Duration.ofSeconds(60)).build(), factory::connect)) {
            TrackingConnectionFactory.ConnectGate gate = factory.holdConnects();
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < borrowers; i++) {
                results.add(executor.submit(() -> {
                    try (Connection connection = pool.getConnection()) {
                        return Sql.selectOne(connection);
                    }
                }));
            }
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> gate.waiting() + pool.stats().waiting() == borrowers);
                assertThat(gate.waiting())
                        .as("borrowers connecting at once while %d wait in the pool; maxConnections is %d "
                                + "(count a connection before you connect, not after)", pool.stats().waiting(), max)
                        .isEqualTo(max);
            } finally {
                gate.open();
            }
            assertThat(Concurrently.results(results)).as("results of the 50 borrowers").containsOnly(1);
            assertThat(factory.opened()).as("physical connections opened for the burst").isEqualTo(max);
        }
    }

    @Test
    @DisplayName("with every connection lent, getConnection() waits connectionTimeout, then fails with the pool's state")
    void timesOutWithState() throws Exception {
        Duration timeout = Duration.ofMillis(300);
        try (ConnectionPool pool = new ConnectionPool(
                TestPools.config().maxConnections(2).connectionTimeout(timeout).build(), factory::connect);
             Connection first = pool.getConnection();
             Connection second = pool.getConnection()) {
            long start = System.nanoTime();
            Throwable thrown = catchSqlException(pool::getConnection);
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(thrown).as("what getConnection() throws when no connection comes free in time")
                    .isInstanceOf(SQLTransientConnectionException.class);
            assertThat(waitedMillis).as("ms getConnection() waited before giving up; connectionTimeout is 300 ms")
                    .isGreaterThanOrEqualTo(270).isLessThan(10_000);
            assertThat(thrown.getMessage()).as("the timeout message should show the pool's state, like PoolStats does")
                    .contains("total=2", "active=2", "idle=0")
                    .containsPattern("waiting=\\d+");
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
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(pool.stats().waiting()).as("borrowers counted as waiting in stats()").isEqualTo(1));
            assertThat(waiter).as("the waiter, while the only connection is lent").isNotDone();

            held.close();
            try {
                assertThat(waiter.get(20, TimeUnit.SECONDS)).isEqualTo(1);
            } catch (TimeoutException e) {
                fail("the waiter was not served within 20 s after the connection came back (its timeout is 60 s): "
                        + "a lost wake-up? stats: " + pool.stats());
            }
            assertThat(factory.opened()).as("physical connections opened (maxConnections is 1)").isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a failed connect does not use up a slot: afterwards maxConnections can still all be lent")
    void failedConnectDoesNotLeakASlot() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(
                TestPools.config().maxConnections(2).connectionTimeout(Duration.ofMillis(500)).build(), factory::connect)) {
            factory.failAllConnects(true);
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(pool::getConnection)
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
                TestPools.config().minConnections(1).maxConnections(3).build(), factory::connect)) {
            Connection idleOne = pool.getConnection();
            TrackingConnectionFactory.ConnectGate gate = factory.holdConnects();
            Future<Connection> slow = executor.submit(() -> pool.getConnection()); // must open a new one: held at the gate
            await().atMost(Duration.ofSeconds(20)).until(() -> gate.waiting() == 1);

            Future<Integer> fast = executor.submit(() -> {
                idleOne.close();
                try (Connection again = pool.getConnection()) {
                    return Sql.selectOne(again);
                }
            });
            try {
                assertThat(fast.get(20, TimeUnit.SECONDS)).isEqualTo(1);
            } catch (TimeoutException e) {
                fail("giving back and borrowing an idle connection took over 20 s while another thread was connecting: "
                        + "do not hold the pool's lock while the factory connects");
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
            await().atMost(Duration.ofSeconds(20)).until(() -> pool.stats().waiting() == 1);
            waiterThread.get().interrupt();

            assertThat(Concurrently.result(waiter)).as("what the interrupted waiter saw")
                    .isInstanceOf(SQLException.class);
            assertThat(pool.stats()).as("stats after the interrupted waiter left").isEqualTo(new PoolStats(1, 1, 0, 0));
            held.close();
            try (Connection next = pool.getConnection()) {
                assertThat(Sql.selectOne(next)).isEqualTo(1);
            }
            assertThat(factory.opened()).as("physical connections opened (maxConnections is 1)").isEqualTo(1);
        }
    }

    private static Throwable catchSqlException(SqlCall call) {
        try {
            call.run().close();
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    @FunctionalInterface
    private interface SqlCall {
        Connection run() throws SQLException;
    }
}
