package poolkit.basic;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * GIVEN: the {@link DataSource} plumbing, so the pool can be handed to any code that expects a {@code DataSource}
 * (plain JDBC, Spring's JdbcTemplate, jOOQ, ...). The one method that matters, {@link #getConnection()}, is yours.
 */
public abstract class AbstractPoolDataSource implements DataSource {

    private volatile PrintWriter logWriter;
    private volatile int loginTimeoutSeconds;

    /** A pool connects with the credentials its {@link ConnectionFactory} was made with, not per call. */
    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException(
                "a pool connects with the credentials of its ConnectionFactory; call getConnection() without arguments");
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("the pool does not log through java.util.logging");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException(getClass().getSimpleName() + " is not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
