package poolkit.basic;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * GIVEN: how the pool opens a new physical connection. The pool calls {@link #connect()} whenever it needs one more
 * connection, and never anything else to reach the database; tests pass their own factory to count connections and
 * to make connects slow or failing.
 */
@FunctionalInterface
public interface ConnectionFactory {

    /**
     * Opens one new physical connection. It may take long (network, authentication) and it may fail.
     *
     * @throws SQLException when the database cannot be reached or refuses the connection
     */
    Connection connect() throws SQLException;

    /** A factory that opens connections with {@link DriverManager}, for example to {@code jdbc:postgresql://...}. */
    static ConnectionFactory fromUrl(String jdbcUrl, String user, String password) {
        return () -> DriverManager.getConnection(jdbcUrl, user, password);
    }
}
