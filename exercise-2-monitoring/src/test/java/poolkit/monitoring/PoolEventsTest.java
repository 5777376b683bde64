package poolkit.monitoring;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.basic.ConnectionFactory;
import poolkit.basic.PoolHooks;
import poolkit.testsupport.Concurrently;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@DisplayName("Task 2: the pool records each event where it happens")
class PoolEventsTest {

    private final TrackingConnectionFactory factory = new TrackingConnectionFactory(TestDatabases.h2());
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stopWorkers() {
        executor.shutdownNow();
    }

    @Test
    @DisplayName("each event the pool reports moves its own counter, with the duration the pool measured in its own total")
    void eachHookRecordsItsEvent() {
        PoolMetrics metrics = new PoolMetrics();
        PoolHooks hooks = new MetricsHooks(metrics);
        hooks.connectionOpened(7_000);
        hooks.connectionOpened(9_000);
        hooks.connectFailed(new SQLException("injected: the database refused the connection"));
        hooks.acquired(1_000);
        hooks.acquired(3_000);
        hooks.timedOut(20_000);
        hooks.released(500);
        hooks.connectionClosed();
        assertThat(metrics.snapshot()).as("snapshot after the pool reported 2 connections opened (7 + 9 µs), 1 failed "
                        + "connect, 2 acquisitions (1 + 3 µs), 1 timeout (20 µs), 1 release (held 0.5 µs), 1 closed")
                .isEqualTo(new MetricsSnapshot(2, 1, 1, 1, 2, 1, 0, 24_000, 500, 16_000));

        hooks.connectFailed(new IllegalStateException("injected: a bug in the driver"));
        assertThat(metrics.snapshot().failedConnects())
                .as("failed connects after the pool also reported a connect that failed with an "
                        + "IllegalStateException: a connect that fails is a failed connect, whatever the exception")
                .isEqualTo(2);
    }

    @Test
    @DisplayName("borrow and return once: 1 acquired, 1 released (even if closed twice), 1 created; closing the pool: 1 closed")
    void oneBorrowAndReturn() throws Exception {
        MonitoredPool pool = new MonitoredPool("orders", TestPools.config().build(), factory::connect);
        try (pool) {
            Connection connection = pool.getConnection();
            TestPools.ping(connection);
            MetricsSnapshot whileLent = pool.metrics().snapshot();
            assertThat(whileLent.acquired()).as("acquired while the connection is lent").isEqualTo(1);
            assertThat(whileLent.released()).as("released while the connection is lent").isZero();
            connection.close();
            connection.close(); // a second close() gives nothing back, so it must count nothing
            MetricsSnapshot afterReturn = pool.metrics().snapshot();
            assertThat(afterReturn.released()).as("released after close() was called twice on one handle")
                    .isEqualTo(1);
            assertThat(afterReturn.created()).as("connections created (the factory opened %d)", factory.opened())
                    .isEqualTo(1);
            assertThat(afterReturn.closed()).as("connections closed while the pool is open").isZero();
            assertThat(afterReturn.timeouts()).as("timeouts").isZero();
        }
        assertThat(pool.metrics().snapshot().closed()).as("connections closed after the pool was closed "
                + "(the factory saw %d closed)", factory.closed()).isEqualTo(1);
    }

    @Test
    @DisplayName("the connections opened at start (minConnections) are counted as created, with their connect time")
    void initialConnectionsAreCreated() throws Exception {
        try (MonitoredPool pool = new MonitoredPool("orders", TestPools.config().minConnections(3).build(),
                factory::connect)) {
            MetricsSnapshot snapshot = pool.metrics().snapshot();
            assertThat(snapshot.created()).as("connections created by a pool with minConnections=3").isEqualTo(3);
            assertThat(snapshot.totalConnectNanos()).as("total connect time of those 3 connections (ns)").isPositive();
            assertThat(snapshot.acquired()).as("acquisitions: nobody borrowed yet").isZero();
        }
    }

    @Test
    @DisplayName("every getConnection() that gives up is counted as a timeout, and its wait is in the total wait")
    void timeoutsAreCounted() throws Exception {
        Duration timeout = Duration.ofMillis(200);
        try (MonitoredPool pool = new MonitoredPool("orders",
                TestPools.config().maxConnections(1).connectionTimeout(timeout).build(), factory::connect);
             Connection held = pool.getConnection()) {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(pool::getConnection).as("getConnection() while the only connection is lent")
                        .isInstanceOf(SQLTransientConnectionException.class);
            }
            MetricsSnapshot snapshot = pool.metrics().snapshot();
            assertThat(snapshot.timeouts()).as("timeouts after 3 getConnection() calls gave up").isEqualTo(3);
            assertThat(snapshot.acquired()).as("successful acquisitions (only the held connection)").isEqualTo(1);
            assertThat(snapshot.timeoutRate()).as("timeout rate: 3 of 4 attempts").isEqualTo(0.75);
            assertThat(TestPools.millis(snapshot.totalWaitNanos()))
                    .as("total wait in ms: each of the 3 timeouts waited at least connectionTimeout (200 ms) "
                            + "from the call of getConnection() to the exception")
                    .isGreaterThanOrEqualTo(600.0);
        }
    }

    @Test
    @DisplayName("a connect that fails is counted as a failed connect, not as an acquisition, a creation or a timeout")
    void failedConnectsAreCounted() throws Exception {
        try (MonitoredPool pool = new MonitoredPool("orders", TestPools.config().build(), factory::connect)) {
            factory.failNextConnects(2);
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(pool::getConnection).as("getConnection() while the database refuses connections")
                        .isInstanceOf(SQLException.class)
                        .isNotInstanceOf(SQLTransientConnectionException.class);
            }
            try (Connection connection = pool.getConnection()) {
                TestPools.ping(connection);
            }
            MetricsSnapshot snapshot = pool.metrics().snapshot();
            assertThat(snapshot.failedConnects()).as("failed connects after the database refused 2").isEqualTo(2);
            assertThat(snapshot.created()).as("connections created (only the third connect worked)").isEqualTo(1);
            assertThat(snapshot.acquired()).as("acquisitions (only the third call got a connection)").isEqualTo(1);
            assertThat(snapshot.timeouts()).as("timeouts (a refused connect is not a timeout)").isZero();
        }
    }

    @Test
    @DisplayName("a connect that fails with a RuntimeException (a driver bug) is counted as a failed connect too")
    void runtimeConnectFailureIsCounted() throws Exception {
        AtomicBoolean failNext = new AtomicBoolean(true);
        ConnectionFactory buggyDriver = () -> {
            if (failNext.getAndSet(false)) {
                throw new IllegalStateException("injected: the driver broke while connecting");
            }
            return factory.connect();
        };
        try (MonitoredPool pool = new MonitoredPool("orders", TestPools.config().build(), buggyDriver)) {
            assertThatThrownBy(pool::getConnection)
                    .as("getConnection() while the driver throws an IllegalStateException")
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("the driver broke");
            try (Connection connection = pool.getConnection()) {
                TestPools.ping(connection);
            }
            MetricsSnapshot snapshot = pool.metrics().snapshot();
            assertThat(snapshot.failedConnects())
                    .as("failed connects after the driver threw an IllegalStateException once: the pool reports it to "
                            + "connectFailed(cause) like any other failed connect, and it left the pool a connection "
                            + "short all the same, so it counts")
                    .isEqualTo(1);
            assertThat(snapshot.created()).as("connections created (the second connect worked)").isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a borrower that had to wait shows in the total and average wait")
    void waitIsMeasured() throws Exception {
        try (MonitoredPool pool = new MonitoredPool("orders",
                TestPools.config().maxConnections(1).connectionTimeout(Duration.ofSeconds(30)).build(),
                factory::connect)) {
            Connection held = pool.getConnection();
            Future<Integer> waiter = executor.submit(() -> {
                try (Connection connection = pool.getConnection()) {
                    TestPools.ping(connection);
                    return 1;
                }
            });
            await("the second borrower waiting in getConnection()").atMost(Duration.ofSeconds(20))
                    .until(() -> pool.stats().waiting() == 1);
            long waiterSeenWaiting = System.nanoTime(); // the waiter's getConnection() started before this
            // The waiter stays blocked until we give the connection back; keep it waiting a noticeable while.
            await("150 ms of waiting").pollDelay(Duration.ofMillis(150)).atMost(Duration.ofSeconds(20))
                    .until(() -> true);
            assertThat(waiter).as("the waiter, while the only connection is lent").isNotDone();
            long givenBack = System.nanoTime(); // the waiter's getConnection() returns after this
            held.close();
            assertThat(Concurrently.result(waiter)).isEqualTo(1);

            long waitedAtLeast = givenBack - waiterSeenWaiting;
            MetricsSnapshot snapshot = pool.metrics().snapshot();
            assertThat(snapshot.acquired()).as("acquisitions: the held connection and the waiter's").isEqualTo(2);
            assertThat(snapshot.totalWaitNanos())
                    .as("total wait (ns): the waiter alone waited at least %.1f ms, from before it was seen waiting "
                            + "until after the connection came back", TestPools.millis(waitedAtLeast))
                    .isGreaterThanOrEqualTo(waitedAtLeast);
            assertThat(snapshot.averageWait().toNanos())
                    .as("average wait (ns) over the 2 acquisitions, one of which waited at least %.1f ms",
                            TestPools.millis(waitedAtLeast))
                    .isGreaterThanOrEqualTo(waitedAtLeast / 2);
        }
    }

    @Test
    @DisplayName("a release records how long the borrower held the connection")
    void heldTimeIsMeasured() throws Exception {
        try (MonitoredPool pool = new MonitoredPool("orders", TestPools.config().build(), factory::connect)) {
            long heldAtLeast;
            try (Connection connection = pool.getConnection()) {
                long borrowed = System.nanoTime(); // lent before this
                for (int i = 0; i < 20; i++) {
                    TestPools.ping(connection);
                }
                heldAtLeast = System.nanoTime() - borrowed; // given back after this
            }
            MetricsSnapshot snapshot = pool.metrics().snapshot();
            assertThat(snapshot.released()).as("releases").isEqualTo(1);
            assertThat(snapshot.totalHeldNanos())
                    .as("time held (ns): the borrower pinged the database 20 times in %.3f ms between getConnection() and close()",
                            TestPools.millis(heldAtLeast))
                    .isGreaterThanOrEqualTo(heldAtLeast);
        }
    }

    @Test
    @DisplayName("a connection found broken when given back is closed by the pool and counted as closed, once")
    void brokenConnectionIsCountedClosed() throws Exception {
        try (MonitoredPool pool = new MonitoredPool("orders", TestPools.config().build(), factory::connect)) {
            Connection handle = pool.getConnection();
            factory.physicalConnections().get(0).close(); // the database dropped it while it was lent
            handle.close();
            MetricsSnapshot snapshot = pool.metrics().snapshot();
            assertThat(snapshot.closed()).as("connections the pool let go of after a broken one came back")
                    .isEqualTo(1);
            assertThat(snapshot.released()).as("releases (the borrower did give it back)").isEqualTo(1);
            assertThat(pool.stats().total()).as("connections the pool still owns").isZero();
        }
    }

    @Test
    @DisplayName("utilisation is active / maxConnections: 2 of 4 lent is 0.5")
    void utilisation() throws Exception {
        try (MonitoredPool pool = new MonitoredPool("orders", TestPools.config().maxConnections(4).build(),
                factory::connect);
             Connection first = pool.getConnection();
             Connection second = pool.getConnection()) {
            assertThat(pool.utilisation()).as("utilisation with 2 of maxConnections=4 lent").isEqualTo(0.5);
        }
    }
}
