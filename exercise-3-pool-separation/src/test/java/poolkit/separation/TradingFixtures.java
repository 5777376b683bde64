package poolkit.separation;

import poolkit.basic.PoolConfig;
import poolkit.testsupport.TestDatabase;
import poolkit.testsupport.TestDatabases;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The trading database, pool configurations and checks this exercise's tests share. */
final class TradingFixtures {

    /** Long enough that no healthy borrow on a loaded machine reaches it; tests that want timeouts set short ones. */
    static final Duration PATIENT = Duration.ofSeconds(20);

    private TradingFixtures() {
    }

    /** A new H2 database with the trading schema and seed data. */
    static TestDatabase h2() throws SQLException {
        TestDatabase fresh = TestDatabases.h2();
        // Trades in one symbol queue for its positions row; on a busy machine H2's default 1 s lock wait is too short.
        return prepare(new TestDatabase(fresh.engine(), fresh.jdbcUrl() + ";LOCK_TIMEOUT=20000",
                fresh.user(), fresh.password()));
    }

    /** A new schema on the test run's PostgreSQL with the trading schema and seed data. */
    static TestDatabase postgres() throws SQLException {
        return prepare(TestDatabases.postgres());
    }

    private static TestDatabase prepare(TestDatabase database) throws SQLException {
        database.execute(statements("trading-schema.sql"));
        database.execute(statements("trading-seed.sql"));
        return database;
    }

    /** The statements of an SQL file in the test resources: comment lines dropped, split at semicolons. */
    private static String[] statements(String resource) {
        try (InputStream in = TradingFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            String sql = new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8);
            String withoutComments = sql.lines().map(line -> line.replaceFirst("--.*$", ""))
                    .collect(Collectors.joining("\n"));
            return Arrays.stream(withoutComments.split(";")).map(String::trim).filter(s -> !s.isEmpty())
                    .toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PoolConfig pool(int min, int max, Duration timeout) {
        return PoolConfig.builder().minConnections(min).maxConnections(max).connectionTimeout(timeout).build();
    }

    /** Small pools that open nothing at start and never time out in a healthy test: 4 trades, 4 market data, 2 risk. */
    static TradingPoolsConfig roomy() {
        return new TradingPoolsConfig(pool(0, 4, PATIENT), pool(0, 4, PATIENT), pool(0, 2, PATIENT));
    }

    /** The lesson's sizes, read from the lesson's properties file. */
    static TradingPoolsConfig lesson() {
        return TradingPoolsConfig.load("trading-pools.properties");
    }

    static BigDecimal decimal(String value) {
        return new BigDecimal(value);
    }

    /** The position in {@code symbol} as the database has it, read outside any pool. */
    static BigDecimal position(TestDatabase database, String symbol) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement("SELECT quantity FROM positions WHERE symbol = ?")) {
            query.setString(1, symbol);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("a positions row for %s", symbol).isTrue();
                return row.getBigDecimal(1);
            }
        }
    }

    /** The trade with this id as the database has it, read outside any pool; null when there is none. */
    static Trade storedTrade(TestDatabase database, long id) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT id, symbol, side, price, quantity FROM trades WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? new Trade(row.getLong(1), row.getString(2), Side.fromSql(row.getString(3)),
                        row.getBigDecimal(4), row.getBigDecimal(5)) : null;
            }
        }
    }

    static long count(TestDatabase database, String sql) throws SQLException {
        return database.queryForLong(sql);
    }

    /** Inserts a price, outside any pool. */
    static void insertPrice(TestDatabase database, String symbol, String price, String recordedAt) throws SQLException {
        try (Connection connection = database.connect();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO market_data (symbol, price, recorded_at) VALUES ('" + symbol + "', "
                    + price + ", TIMESTAMP '" + recordedAt + "')");
        }
    }

    /**
     * Asserts that {@code thrown} reports a timeout of the pool of {@code workload}: an SQLException with an
     * SQLTransientConnectionException in its chain and the workload's pool named ("risk pool").
     */
    static void assertPoolTimedOut(Throwable thrown, Workload workload, String what) {
        assertThat(thrown)
                .as("%s: expected it to fail because the %s pool was full, but it did not fail", what, workload.label())
                .isNotNull();
        assertThat(thrown).as("%s: what it threw", what).isInstanceOf(SQLException.class);
        boolean timedOut = Stream.iterate(thrown, Objects::nonNull, Throwable::getCause)
                .anyMatch(SQLTransientConnectionException.class::isInstance);
        assertThat(timedOut)
                .as("%s: an SQLTransientConnectionException (a pool's timeout) in what it threw: %s", what, thrown)
                .isTrue();
        assertThat(thrown)
                .as("%s: the error should name the pool that was full, \"%s pool\"", what, workload.label())
                .hasStackTraceContaining(workload.label() + " pool");
    }

    /**
     * Runs a call that should fail, and returns what it threw (null when it did not throw). A skeleton's
     * {@link NotImplemented} is thrown on, so the test fails naming the task to do.
     */
    static Throwable thrownBy(SqlCall call) {
        try {
            call.run();
            return null;
        } catch (NotImplemented e) {
            throw e;
        } catch (Exception e) {
            return e;
        }
    }

    @FunctionalInterface
    interface SqlCall {
        void run() throws Exception;
    }
}
