package poolkit.basic;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;
import poolkit.testsupport.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

@DisplayName("Task 6: closing a pool in use")
class PoolCloseTest {

    private final TrackingConnectionFactory factory = new TrackingConnectionFactory(TestDatabases.h2());
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stopWorkers() {
        executor.shutdownNow();
    }

    @Test
    @DisplayName("close() closes idle connections at once and lent ones when they are given back")
    void closesIdleNowAndLentOnReturn() throws Exception {
        ConnectionPool pool = new ConnectionPool(TestPools.config().minConnections(3).build(), factory::connect);
        Connection lent = pool.getConnection();
        pool.close();

        assertThat(pool.isClosed()).as("pool.isClosed() after close()").isTrue();
        assertThat(factory.closed()).as("physical connections closed by pool.close() (2 idle, 1 lent)").isEqualTo(2);
        assertThat(pool.stats()).as("stats right after close(): the 2 idle connections are gone, the lent one is "
                + "still lent").isEqualTo(new PoolStats(1, 1, 0, 0));
        assertThat(Sql.selectOne(lent)).as("the lent connection keeps working until its borrower is done")
                .isEqualTo(1);
        lent.close();
        assertThat(factory.open()).as("physical connections open after the last lent one came back").isZero();
        assertThat(pool.stats()).as("stats of the closed pool once the lent connection came back")
                .isEqualTo(new PoolStats(0, 0, 0, 0));
    }

    @Test
    @DisplayName("getConnection() on a closed pool fails at once with a message that says the pool is closed")
    void closedPoolRefusesToLend() throws Exception {
        ConnectionPool pool = new ConnectionPool(TestPools.config().minConnections(1).build(), factory::connect);
        pool.close();
        assertThat(catchThrowable(pool::getConnection))
                .as("getConnection() after close()")
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("closed");
        pool.close(); // closing twice is harmless
        assertThat(factory.opened()).as("connections opened after the pool was closed").isEqualTo(1);
    }

    @Test
    @DisplayName("borrowers waiting when the pool closes are woken with an SQLException, not left to time out")
    void closeWakesWaiters() throws Exception {
        ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(1)
                .connectionTimeout(Duration.ofSeconds(60)).build(), factory::connect);
        Connection held = pool.getConnection();
        Future<Connection> waiter = executor.submit(() -> pool.getConnection());
        await("a borrower counted as waiting").atMost(Duration.ofSeconds(10))
                .failFast("the borrower ended instead of waiting", TestPools.ended(List.of(waiter)))
                .untilAsserted(() -> assertThat(pool.stats()).as("the pool's stats, the only connection lent")
                        .extracting(PoolStats::waiting).as("borrowers counted as waiting in stats()").isEqualTo(1));

        pool.close();
        try {
            waiter.get(5, TimeUnit.SECONDS);
            fail("a borrower waiting when the pool closed was handed a connection");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).as("what the waiter got when the pool closed").isInstanceOf(SQLException.class);
            assertThat(pool.stats().waiting()).as("borrowers counted as waiting once the one woken by close() left")
                    .isZero();
        } catch (TimeoutException e) {
            fail("a borrower waiting when the pool closed was still waiting 5 s later (its timeout is 60 s; a woken "
                    + "borrower leaves in milliseconds): close() must wake waiters");
        } finally {
            held.close();
        }
        assertThat(factory.open()).as("physical connections open after close and return").isZero();
    }

    @Test
    @DisplayName("a connection being opened when the pool closes is closed once the connect ends, not kept or leaked")
    void connectInFlightWhenThePoolCloses() throws Exception {
        ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(2).build(), factory::connect);
        TrackingConnectionFactory.ConnectGate gate = factory.holdConnects();
        Future<Object> borrower = executor.submit(() -> {
            try {
                pool.getConnection().close();
                return "served, and given back";
            } catch (SQLException e) {
                return e;
            }
        });
        try {
            await("a connect started for the borrower").atMost(Duration.ofSeconds(10))
                    .failFast("the borrower ended before its connect was let through", TestPools.ended(List.of(borrower)))
                    .untilAsserted(() -> assertThat(gate.waiting()).as("connects held at the test's gate")
                            .isEqualTo(1));
            pool.close();
        } finally {
            gate.open();
        }
        TestPools.within(borrower, Duration.ofSeconds(5), () -> "the borrower whose connect was in flight when the "
                + "pool closed did not return once the connect was let through");
        assertThat(factory.open()).as("physical connections open after the connect in flight at close() ended (the "
                + "pool is closed: whether or not the borrower got it, that connection must be closed)").isZero();
        assertThat(pool.stats()).as("stats of the closed pool after that").isEqualTo(new PoolStats(0, 0, 0, 0));
    }

    @Test
    @DisplayName("isClosed() answers on any thread and leaves the pool usable from every other thread")
    void isClosedFromAnyThread() throws Exception {
        ConnectionPool pool = new ConnectionPool(TestPools.config().build(), factory::connect);
        assertThat(pool.isClosed()).as("isClosed() of an open pool, asked on the test's thread").isFalse();
        Callable<Integer> borrow = () -> {
            try (Connection connection = pool.getConnection()) {
                return Sql.selectOne(connection);
            }
        };
        assertThat(TestPools.within(executor.submit(borrow), Duration.ofSeconds(5), pool, () -> "a borrow on another "
                + "thread after isClosed() was asked on the test's thread was not served: isClosed() must leave the "
                + "pool as it found it (a lock not released?). stats: " + pool.stats())).isEqualTo(1);
        pool.close();
        assertThat(TestPools.within(executor.submit(pool::isClosed), Duration.ofSeconds(5), () -> "isClosed() on "
                + "another thread did not answer")).as("isClosed() after close(), asked on another thread").isTrue();
    }
}
