package poolkit.monitoring;

import poolkit.basic.PoolConfig;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/** Small helpers shared by this exercise's tests. */
final class TestPools {

    private TestPools() {
    }

    /** A configuration for tests: no connections at start, at most 4, a timeout long enough for a loaded machine. */
    static PoolConfig.Builder config() {
        return PoolConfig.builder().minConnections(0).maxConnections(4).connectionTimeout(Duration.ofSeconds(20));
    }

    /** Asks the database whether the connection works, without a statement (so no query is counted). */
    static void ping(Connection connection) throws SQLException {
        if (!connection.isValid(10)) {
            throw new SQLException("the pool lent a connection that does not work: " + connection);
        }
    }

    /** Nanoseconds to milliseconds, for messages. */
    static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
