package poolkit.separation;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.basic.ConnectionFactory;
import poolkit.basic.PoolStats;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;
import poolkit.testsupport.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static poolkit.separation.TradingFixtures.PATIENT;
import static poolkit.separation.TradingFixtures.pool;
import static poolkit.separation.TradingFixtures.thrownBy;

@DisplayName("Tasks 1 and 2: one pool per workload, over one database")
class TradingPoolsTest {

    private final TrackingConnectionFactory factory = new TrackingConnectionFactory(TestDatabases.h2());

    @Test
    @DisplayName("Task 1: the lesson's trading-pools.properties opens 10 trades, 20 market data and 5 risk connections")
    void opensTheLessonsPools() throws Exception {
        try (TradingPools pools = new TradingPools(TradingFixtures.lesson(), factory::connect)) {
            Map<Workload, PoolStats> stats = pools.stats();
            assertThat(stats).as("stats() should have one entry per workload").containsOnlyKeys(Workload.values());
            assertThat(stats.get(Workload.TRADES)).as("the trades pool right after start (minConnections 10)")
                    .isEqualTo(new PoolStats(10, 0, 10, 0));
            assertThat(stats.get(Workload.MARKET_DATA)).as("the market data pool right after start (minConnections 20)")
                    .isEqualTo(new PoolStats(20, 0, 20, 0));
            assertThat(stats.get(Workload.RISK)).as("the risk pool right after start (minConnections 5)")
                    .isEqualTo(new PoolStats(5, 0, 5, 0));
            assertThat(factory.opened()).as("physical connections opened at start: 10 + 20 + 5, all to one database")
                    .isEqualTo(35);
        }
    }

    @Test
    @DisplayName("Task 1: when one pool cannot open, the pools already opened are closed and the error names the pool")
    void failedStartClosesWhatItOpened() {
        AtomicInteger connects = new AtomicInteger();
        SQLException refused = new SQLException("injected connect failure: the database refused the sixth connection");
        // Two connections per pool: the sixth connect, in whichever pool is opened last, fails.
        ConnectionFactory failsOnTheSixth = () -> {
            if (connects.incrementAndGet() == 6) {
                throw refused;
            }
            return factory.connect();
        };
        TradingPoolsConfig config = new TradingPoolsConfig(pool(2, 4, PATIENT), pool(2, 4, PATIENT), pool(2, 4, PATIENT));

        Throwable thrown = thrownBy(() -> new TradingPools(config, failsOnTheSixth).close());

        assertThat(thrown).as("what new TradingPools(...) throws when a pool cannot open its minConnections")
                .isInstanceOf(SQLException.class)
                .hasStackTraceContaining("injected connect failure");
        assertThat(thrown.getMessage()).as("the error should name the pool that could not open")
                .containsAnyOf("trades pool", "market data pool", "risk pool");
        assertThat(causes(thrown)).as("the causes of the error new TradingPools(...) threw: the database's own error "
                        + "must be among them (throw new SQLException(message, e), keeping e as the cause), or the log "
                        + "hides why the pool could not open")
                .contains(refused);
        assertThat(factory.open())
                .as("physical connections left open after the failed start (%d were opened): close the pools you "
                        + "already opened", factory.opened())
                .isZero();
    }

    @Test
    @DisplayName("Task 1: close() closes every pool's connections, and closing again does nothing")
    void closeClosesEveryPool() throws Exception {
        TradingPools pools = new TradingPools(
                new TradingPoolsConfig(pool(1, 4, PATIENT), pool(2, 4, PATIENT), pool(3, 4, PATIENT)), factory::connect);
        assertThat(factory.open()).as("physical connections open after start (1 + 2 + 3)").isEqualTo(6);

        pools.close();
        assertThat(factory.open()).as("physical connections open after close(): every pool must be closed").isZero();
        pools.close(); // a second close is harmless
        assertThat(factory.closed()).as("physical connections closed, after closing twice").isEqualTo(6);
    }

    @Test
    @DisplayName("Task 2: connection(workload) lends a working connection from that workload's pool, and no other")
    void lendsFromTheWorkloadsOwnPool() throws Exception {
        try (TradingPools pools = new TradingPools(TradingFixtures.roomy(), factory::connect)) {
            for (Workload workload : Workload.values()) {
                try (Connection connection = pools.connection(workload)) {
                    assertThat(Sql.selectOne(connection)).as("SELECT 1 on a %s connection", workload.label()).isEqualTo(1);
                    Map<Workload, PoolStats> stats = pools.stats();
                    for (Workload other : Workload.values()) {
                        assertThat(stats.get(other).active())
                                .as("connections the %s pool has lent while one %s connection is borrowed: %s",
                                        other.label(), workload.label(), stats)
                                .isEqualTo(other == workload ? 1 : 0);
                    }
                }
                assertThat(pools.stats().get(workload))
                        .as("the %s pool after its connection was closed (given back)", workload.label())
                        .isEqualTo(new PoolStats(1, 0, 1, 0));
            }
        }
    }

    @Test
    @DisplayName("Task 2: a full pool's timeout is an SQLTransientConnectionException that names the pool and its state")
    void timeoutNamesThePool() throws Exception {
        TradingPoolsConfig config = new TradingPoolsConfig(
                pool(0, 4, PATIENT), pool(0, 4, PATIENT), pool(0, 1, Duration.ofMillis(200)));
        try (TradingPools pools = new TradingPools(config, factory::connect);
             Connection onlyRiskConnection = pools.connection(Workload.RISK)) {
            Throwable thrown = thrownBy(() -> pools.connection(Workload.RISK).close());

            assertThat(thrown).as("connection(RISK) while the risk pool's only connection is lent")
                    .isInstanceOf(SQLTransientConnectionException.class);
            assertThat(thrown.getMessage()).as("the timeout message should start with the pool that was full")
                    .startsWith("risk pool");
            assertThat(thrown).as("the timeout should keep the pool's own message, with its state")
                    .hasStackTraceContaining("total=1, active=1");
            assertThat(thrown.getCause())
                    .as("the cause of the risk pool's timeout: the pool's own SQLTransientConnectionException, kept as "
                            + "the cause (new SQLTransientConnectionException(message, e.getSQLState(), e)), so the "
                            + "stack trace still shows where the pool gave up")
                    .isInstanceOf(SQLTransientConnectionException.class);
        }
    }

    @Test
    @DisplayName("Task 2: after close(), connection() fails with a message that names the pool and says it is closed")
    void closedPoolsRefuseToLend() throws Exception {
        TradingPools pools = new TradingPools(TradingFixtures.roomy(), factory::connect);
        pools.close();
        for (Workload workload : Workload.values()) {
            Throwable thrown = thrownBy(() -> pools.connection(workload).close());
            assertThat(thrown).as("connection(%s) after close()", workload).isInstanceOf(SQLException.class);
            assertThat(thrown.getMessage()).as("the error of connection(%s) after close()", workload)
                    .contains(workload.label() + " pool", "closed");
            assertThat(thrown.getCause())
                    .as("the cause of connection(%s)'s error after close(): the pool's own SQLException, kept as the "
                            + "cause", workload)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("closed");
        }
    }

    @Test
    @DisplayName("Task 2: a connection lent when close() is called keeps working, and is closed when it comes back")
    void lentConnectionClosedOnReturn() throws Exception {
        TradingPools pools = new TradingPools(TradingFixtures.roomy(), factory::connect);
        Connection lent = pools.connection(Workload.TRADES);
        pools.close();
        assertThat(Sql.selectOne(lent)).as("the lent connection still works until its borrower is done").isEqualTo(1);
        lent.close();
        assertThat(factory.open()).as("physical connections open after the last lent one came back").isZero();
    }

    /** The exception and its causes, outermost first. */
    private static List<Throwable> causes(Throwable thrown) {
        return Stream.iterate(thrown, Objects::nonNull, Throwable::getCause).toList();
    }
}
