package poolkit.basic;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.TestDatabase;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;
import poolkit.testsupport.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@DisplayName("Task 4: the handle gives its connection back, clean")
class HandleTest {

    private final TestDatabase database = TestDatabases.h2();
    private final TrackingConnectionFactory factory = new TrackingConnectionFactory(database);

    private ConnectionPool onePool() throws SQLException {
        return new ConnectionPool(TestPools.config().maxConnections(1).build(), factory::connect);
    }

    @Test
    @DisplayName("closing a handle gives the connection back without closing the physical connection")
    void closeReturnsWithoutClosingPhysical() throws Exception {
        try (ConnectionPool pool = onePool()) {
            Connection handle = pool.getConnection();
            handle.close();
            assertThat(handle.isClosed()).as("handle.isClosed() after close()").isTrue();
            assertThat(factory.closed()).as("physical connections closed when a borrower closed its handle").isZero();
            assertThat(pool.stats()).as("stats after the handle was closed").isEqualTo(new PoolStats(1, 0, 1, 0));
        }
    }

    @Test
    @DisplayName("closing a handle twice gives the connection back once")
    void doubleCloseIsHarmless() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(2).build(), factory::connect)) {
            Connection handle = pool.getConnection();
            handle.close();
            handle.close();
            assertThat(pool.stats()).as("stats after closing one handle twice").isEqualTo(new PoolStats(1, 0, 1, 0));
            try (Connection first = pool.getConnection(); Connection second = pool.getConnection()) {
                assertThat(factory.opened())
                        .as("physical connections behind two handles lent at once (if 1, the double close put the same "
                                + "connection in the pool twice and two borrowers now share it)")
                        .isEqualTo(2);
            }
        }
    }

    @Test
    @DisplayName("a handle closed by 4 threads at the same instant gives its connection back once, round after round")
    void concurrentClosesGiveBackOnce() throws Exception {
        int threads = 4;
        int rounds = 300;
        // A race between a check and a set is hit only now and then: as many rounds as fit in 5 s, at most 300.
        long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        ExecutorService closers = Executors.newFixedThreadPool(threads);
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(2).build(), factory::connect)) {
            for (int round = 1; round <= rounds && System.nanoTime() - stopAt < 0; round++) {
                Connection handle = pool.getConnection();
                TestPools.atTheSameInstant(closers, threads, thread -> {
                    handle.close();
                    return null;
                });
                assertThat(pool.stats())
                        .as("stats after %d threads closed the same handle at the same instant (round %d); more than "
                                + "one give-back shows as active below 0 or idle above total. Let exactly one close() "
                                + "give the connection back: AtomicBoolean.compareAndSet(false, true), not a check "
                                + "followed by a set", threads, round)
                        .isEqualTo(new PoolStats(1, 0, 1, 0));
            }
            try (Connection first = pool.getConnection(); Connection second = pool.getConnection()) {
                assertThat(factory.opened()).as("physical connections behind two handles lent at once after all this")
                        .isEqualTo(2);
            }
        } finally {
            closers.shutdownNow();
        }
    }

    @Test
    @DisplayName("using a closed handle fails with an SQLException that says it is closed")
    void closedHandleRefusesUse() throws Exception {
        try (ConnectionPool pool = onePool()) {
            Connection handle = pool.getConnection();
            handle.close();
            assertThat(catchThrowable(handle::createStatement))
                    .as("createStatement() on a handle that was closed")
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("closed");
            assertThat(catchThrowable(() -> handle.setAutoCommit(false)))
                    .as("setAutoCommit() on a handle that was closed")
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    @DisplayName("an old handle cannot reach the connection once it is lent to the next borrower")
    void oldHandleCannotTouchNextBorrowersConnection() throws Exception {
        database.execute("CREATE TABLE notes (n INT)");
        try (ConnectionPool pool = onePool()) {
            Connection old = pool.getConnection();
            old.close();
            try (Connection current = pool.getConnection()) {
                assertThat(catchThrowable(() -> old.createStatement().execute("INSERT INTO notes VALUES (1)")))
                        .as("using the first borrower's closed handle while a second borrower holds the connection")
                        .isInstanceOf(SQLException.class);
                assertThat(current.isClosed()).isFalse();
            }
            assertThat(database.queryForLong("SELECT count(*) FROM notes")).isZero();
        }
    }

    @Test
    @DisplayName("an uncommitted transaction is rolled back before the next borrower gets the connection")
    void openTransactionIsRolledBack() throws Exception {
        database.execute("CREATE TABLE trades (id INT)");
        try (ConnectionPool pool = onePool()) {
            try (Connection first = pool.getConnection(); Statement statement = first.createStatement()) {
                first.setAutoCommit(false);
                statement.execute("INSERT INTO trades VALUES (1)");
                // given back without commit
            }
            try (Connection next = pool.getConnection(); Statement statement = next.createStatement()) {
                assertThat(next.getAutoCommit()).as("auto-commit of the next borrower's connection").isTrue();
                statement.execute("INSERT INTO trades VALUES (2)");
            }
            assertThat(database.queryForLong("SELECT count(*) FROM trades WHERE id = 1"))
                    .as("rows of the first borrower's uncommitted transaction that reached the database").isZero();
            assertThat(database.queryForLong("SELECT count(*) FROM trades WHERE id = 2"))
                    .as("rows the next borrower inserted with auto-commit").isEqualTo(1);
        }
    }

    @Test
    @Tag("postgres")
    @DisplayName("read-only set by one borrower is switched off for the next (on PostgreSQL, which enforces it)")
    void readOnlyIsReset() throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        postgres.execute("CREATE TABLE orders (id INT)");
        TrackingConnectionFactory postgresFactory = new TrackingConnectionFactory(postgres);
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(1).build(),
                postgresFactory::connect)) {
            try (Connection first = pool.getConnection()) {
                first.setReadOnly(true);
            }
            try (Connection next = pool.getConnection(); Statement statement = next.createStatement()) {
                assertThat(next.isReadOnly()).as("read-only flag of the next borrower's connection").isFalse();
                statement.execute("INSERT INTO orders VALUES (1)"); // fails in a read-only session
            }
        }
    }

    @Test
    @DisplayName("a connection that broke while lent is not lent again")
    void brokenConnectionIsDiscarded() throws Exception {
        try (ConnectionPool pool = onePool()) {
            try (Connection handle = pool.getConnection()) {
                TestPools.physical(factory, 0, "one borrowed").close(); // the database dropped it under the borrower
            }
            try (Connection next = pool.getConnection()) {
                assertThat(Sql.selectOne(next)).as("a query on the connection lent after the broken one").isEqualTo(1);
            }
            assertThat(pool.stats().total()).as("connections the pool owns (maxConnections is 1)").isEqualTo(1);
        }
    }

    @Test
    @DisplayName("an idle connection that broke is not lent")
    void brokenIdleConnectionIsNotLent() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().minConnections(1).maxConnections(1).build(),
                factory::connect)) {
            TestPools.physical(factory, 0, "minConnections is 1").close();
            try (Connection next = pool.getConnection()) {
                assertThat(Sql.selectOne(next)).as("a query on the connection lent after the idle one broke")
                        .isEqualTo(1);
            }
            assertThat(factory.opened()).as("physical connections opened (the broken one had to be replaced)")
                    .isEqualTo(2);
        }
    }
}
