package poolkit.basic;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** Small helpers shared by this exercise's tests. */
final class TestPools {

    private TestPools() {
    }

    /** A configuration for tests: no connections at start, at most 4, a timeout long enough for a loaded machine. */
    static PoolConfig.Builder config() {
        return PoolConfig.builder().minConnections(0).maxConnections(4).connectionTimeout(Duration.ofSeconds(20));
    }

    /** Runs a trivial query, proving the connection works. */
    static int selectOne(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SELECT 1")) {
            result.next();
            return result.getInt(1);
        }
    }
}
