package poolkit.priority;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.basic.ConnectionFactory;
import poolkit.testsupport.Concurrently;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;
import poolkit.testsupport.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@DisplayName("Task 2: opening, lending, taking back, closing")
class LendingTest {

    private final TrackingConnectionFactory factory = new TrackingConnectionFactory(TestDatabases.h2());

    @Test
    @DisplayName("opens minConnections at start, and fails with the cause (closing what it opened) when it cannot")
    void opensMinConnections() throws Exception {
        try (PriorityPool pool = new PriorityPool(TestPools.config().minConnections(2).build(), factory::connect)) {
            assertThat(factory.opened()).as("physical connections opened at start (minConnections is 2)").isEqualTo(2);
            assertThat(pool.stats()).as("stats of a new pool").isEqualTo(new PriorityPoolStats(2, 0, 2, 0, 0));
        }
        TrackingConnectionFactory failing = new TrackingConnectionFactory(TestDatabases.h2());
        failing.failNextConnects(3);
        assertThatThrownBy(() -> new PriorityPool(TestPools.config().minConnections(2).build(), failing::connect))
                .as("starting a pool while the database refuses connections")
                .isInstanceOf(SQLException.class).hasStackTraceContaining("injected connect failure")
                .cause().as("the cause of the error the constructor threw: the factory's own exception, kept as the "
                        + "cause (new SQLException(message, e)), so the log shows why the pool could not start")
                .hasMessageContaining("injected connect failure");
        assertThat(failing.open()).as("physical connections left open by the pool that failed to start").isZero();

        TrackingConnectionFactory partly = new TrackingConnectionFactory(TestDatabases.h2());
        AtomicInteger connects = new AtomicInteger();
        ConnectionFactory thirdFails = () -> {
            if (connects.incrementAndGet() == 3) {
                throw new SQLException("injected connect failure: the database refused the third connection");
            }
            return partly.connect();
        };
        assertThatThrownBy(() -> new PriorityPool(TestPools.config().minConnections(3).build(), thirdFails))
                .as("starting a pool of minConnections 3 whose third connect fails")
                .isInstanceOf(SQLException.class).hasStackTraceContaining("injected connect failure");
        assertThat(partly.open())
                .as("physical connections left open after the third of 3 initial connects failed: the 2 opened "
                        + "before it belong to no pool, so the constructor must close them before it throws")
                .isZero();
    }

    @Test
    @DisplayName("lends working connections to both priorities and reuses what is given back")
    void lendsAndReuses() throws Exception {
        try (PriorityPool pool = new PriorityPool(TestPools.config().build(), factory::connect)) {
            for (int i = 0; i < 10; i++) {
                for (Priority priority : Priority.values()) {
                    try (Connection connection = pool.getConnection(priority)) {
                        assertThat(Sql.selectOne(connection)).as("SELECT 1 on a %s connection", priority)
                                .isEqualTo(1);
                    }
                }
            }
            assertThat(factory.opened()).as("physical connections opened for 20 borrow-and-return cycles in a row")
                    .isEqualTo(1);
            assertThat(pool.stats()).as("stats after everything was given back")
                    .isEqualTo(new PriorityPoolStats(1, 0, 1, 0, 0));
        }
    }

    @Test
    @DisplayName("the pool is a DataSource: getConnection() borrows as a regular borrower")
    void worksAsDataSource() throws Exception {
        try (PriorityPool pool = new PriorityPool(TestPools.config().maxConnections(2).criticalReserve(1).build(),
                factory::connect)) {
            DataSource dataSource = pool;
            try (Connection connection = dataSource.getConnection()) {
                assertThat(Sql.selectOne(connection)).isEqualTo(1);
                assertThat(pool.stats()).as("stats while one connection is lent").isEqualTo(new PriorityPoolStats(1, 1, 0, 0, 0));
                try (Connection critical = pool.getConnection(Priority.CRITICAL)) {
                    assertThat(Sql.selectOne(critical)).as("the reserved connection, lent to a critical borrower")
                            .isEqualTo(1);
                }
            }
        }
    }

    @Test
    @DisplayName("regular borrowers leave the reserve free: with max 3 and a reserve of 1, a critical borrower still gets the third")
    void regularBorrowersLeaveTheReserve() throws Exception {
        try (PriorityPool pool = new PriorityPool(TestPools.config().maxConnections(3).criticalReserve(1).build(),
                factory::connect);
             Connection regular1 = pool.getConnection(Priority.REGULAR);
             Connection regular2 = pool.getConnection(Priority.REGULAR);
             Connection critical = pool.getConnection(Priority.CRITICAL)) {
            assertThat(Sql.selectOne(critical)).isEqualTo(1);
            assertThat(pool.stats()).as("stats with two regular and one critical connection lent")
                    .isEqualTo(new PriorityPoolStats(3, 3, 0, 0, 0));
            assertThat(factory.peakOpen()).as("most physical connections open at once (maxConnections is 3)")
                    .isLessThanOrEqualTo(3);
        }
    }

    @Test
    @DisplayName("critical borrowers may take every connection, the reserve included")
    void criticalBorrowersTakeEverything() throws Exception {
        try (PriorityPool pool = new PriorityPool(TestPools.config().maxConnections(3).criticalReserve(2).build(),
                factory::connect);
             Connection first = pool.getConnection(Priority.CRITICAL);
             Connection second = pool.getConnection(Priority.CRITICAL);
             Connection third = pool.getConnection(Priority.CRITICAL)) {
            assertThat(pool.stats()).as("stats with three critical connections lent (maxConnections 3, reserve 2)")
                    .isEqualTo(new PriorityPoolStats(3, 3, 0, 0, 0));
        }
    }

    @Test
    @DisplayName("a connection that broke while lent is closed when given back, not lent again")
    void brokenConnectionIsDropped() throws Exception {
        try (PriorityPool pool = new PriorityPool(TestPools.config().build(), factory::connect)) {
            Connection connection = pool.getConnection(Priority.REGULAR);
            factory.physicalConnections().get(0).close(); // the database dropped it
            connection.close();
            assertThat(pool.stats()).as("stats after the broken connection was given back")
                    .isEqualTo(new PriorityPoolStats(0, 0, 0, 0, 0));
            try (Connection next = pool.getConnection(Priority.REGULAR)) {
                assertThat(Sql.selectOne(next)).as("SELECT 1 on the connection lent next").isEqualTo(1);
            }
            assertThat(factory.opened()).as("physical connections opened (the broken one was replaced)").isEqualTo(2);
        }
    }

    @Test
    @DisplayName("an idle connection that was closed while it sat in the pool is not lent: the borrower gets a new one")
    void connectionClosedWhileIdleIsNotLent() throws Exception {
        try (PriorityPool pool = new PriorityPool(TestPools.config().build(), factory::connect)) {
            pool.getConnection(Priority.REGULAR).close(); // now idle in the pool
            factory.physicalConnections().get(0).close(); // the database dropped it while idle
            for (Priority priority : Priority.values()) {
                try (Connection next = pool.getConnection(priority)) {
                    int one;
                    try {
                        one = Sql.selectOne(next);
                    } catch (SQLException e) {
                        throw new AssertionError("SELECT 1 failed on the " + priority + " connection lent after the "
                                + "only idle one was closed (" + e.getMessage() + "): the pool lent the closed "
                                + "connection. Check an idle connection (isClosed()) before lending it, and open a new "
                                + "one in its place when it is closed", e);
                    }
                    assertThat(one).as("SELECT 1 on that %s connection", priority).isEqualTo(1);
                }
            }
            assertThat(factory.opened()).as("physical connections opened (the closed one was replaced once)")
                    .isEqualTo(2);
            assertThat(pool.stats()).as("stats once everything was given back")
                    .isEqualTo(new PriorityPoolStats(1, 0, 1, 0, 0));
        }
    }

    @Test
    @DisplayName("a closed pool refuses both priorities with a message that says it is closed, and closes lent connections as they come back")
    void closedPool() throws Exception {
        PriorityPool pool = new PriorityPool(TestPools.config().minConnections(2).build(), factory::connect);
        Connection lent = pool.getConnection(Priority.CRITICAL);
        pool.close();
        pool.close(); // closing twice does nothing the second time
        assertThat(pool.isClosed()).as("isClosed() after close()").isTrue();
        assertThat(factory.open()).as("physical connections still open: only the lent one").isEqualTo(1);
        assertThat(pool.stats()).as("stats of the closed pool with one connection still lent: the idle one it "
                        + "closed is neither idle nor counted in total any more")
                .isEqualTo(new PriorityPoolStats(1, 1, 0, 0, 0));
        for (Priority priority : Priority.values()) {
            assertThatThrownBy(() -> pool.getConnection(priority))
                    .as("getConnection(%s) on a closed pool", priority)
                    .isInstanceOf(SQLException.class).hasMessageContaining("closed");
        }
        lent.close();
        assertThat(factory.open()).as("physical connections open after the lent one came back to the closed pool")
                .isZero();
        assertThat(pool.stats()).as("stats of the closed pool once the lent connection came back")
                .isEqualTo(new PriorityPoolStats(0, 0, 0, 0, 0));
    }

    @Test
    @DisplayName("a connection opened while the pool closes is not lost: once its borrower is done, nothing is left open")
    void connectDuringCloseLeavesNothingOpen() throws Exception {
        PriorityPool pool = new PriorityPool(TestPools.config().build(), factory::connect);
        TrackingConnectionFactory.ConnectGate gate = factory.holdConnects();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<String> borrower = executor.submit(() -> {
                try (Connection connection = pool.getConnection(Priority.REGULAR)) {
                    return "got a connection (given back at once)";
                } catch (SQLException e) {
                    return "failed: " + e.getMessage();
                }
            });
            await("the borrower's connect, held at the test's gate").atMost(Duration.ofSeconds(20))
                    .failFast("the borrower ended before its connect was let through", borrower::isDone)
                    .until(() -> gate.waiting() == 1);
            pool.close();
            gate.open(); // the connect completes after close()
            String outcome = Concurrently.result(borrower);
            assertThat(factory.open())
                    .as("physical connections open after a borrower whose connect completed after close() is done "
                            + "(it %s; stats %s): the pool must close that connection, whether it lends it and takes "
                            + "it back or refuses it", outcome, pool.stats())
                    .isZero();
            assertThat(pool.stats()).as("stats of the closed pool once that borrower is done (it %s)", outcome)
                    .isEqualTo(new PriorityPoolStats(0, 0, 0, 0, 0));
        } finally {
            gate.open();
            executor.shutdownNow();
            pool.close();
        }
    }
}
