package poolkit.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One database a test may use on its own: where it is and how to reach it with plain JDBC (no pool).
 * Get one from {@link TestDatabases}.
 *
 * @param engine   "H2" or "PostgreSQL", for messages
 * @param jdbcUrl  the URL a connection factory connects to
 * @param user     the user name, or null when the URL carries it
 * @param password the password, or null when the URL carries it
 */
public record TestDatabase(String engine, String jdbcUrl, String user, String password) {

    /** Opens a new physical connection, as a pool's connection factory would. */
    public Connection connect() throws SQLException {
        return user == null ? DriverManager.getConnection(jdbcUrl) : DriverManager.getConnection(jdbcUrl, user, password);
    }

    public boolean isPostgres() {
        return engine.equals("PostgreSQL");
    }

    /** Runs statements on a connection of its own, outside any pool. */
    public void execute(String... statements) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The single number a query returns, read outside any pool. */
    public long queryForLong(String sql) throws SQLException {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            if (!result.next()) {
                throw new SQLException("query returned no row: " + sql);
            }
            return result.getLong(1);
        }
    }

    @Override
    public String toString() {
        return engine + " at " + jdbcUrl;
    }
}
