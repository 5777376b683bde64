package poolkit.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small SQL helpers for tests that hold a connection from a pool. */
public final class Sql {

    private Sql() {
    }

    /** Runs {@code SELECT 1} (one statement, one execute call) and returns its result, proving the connection works. */
    public static int selectOne(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SELECT 1")) {
            result.next();
            return result.getInt(1);
        }
    }
}
