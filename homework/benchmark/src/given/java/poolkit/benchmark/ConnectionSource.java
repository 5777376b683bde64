package poolkit.benchmark;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * GIVEN: where every strategy gets its physical connections, and the one place they are counted. It is a plain
 * {@link DataSource} with no pooling: each {@link #getConnection()} opens a new connection with the driver (for
 * PostgreSQL: TCP, SCRAM authentication, a new backend process). A pool under test must open its connections here,
 * or the benchmark cannot report how many it opened.
 */
public final class ConnectionSource implements DataSource {

    private static final String URL_PROPERTY = "poolkit.benchmark.url";
    private static final String USER_PROPERTY = "poolkit.benchmark.user";
    private static final String PASSWORD_PROPERTY = "poolkit.benchmark.password";

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final AtomicLong opened = new AtomicLong();
    private volatile int loginTimeoutSeconds;

    public ConnectionSource(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** Opens a new physical connection and counts it. */
    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
        opened.incrementAndGet();
        return connection;
    }

    /** Strategies connect with the benchmark's credentials only, so a result is never about a different user. */
    @Override
    public Connection getConnection(String otherUser, String otherPassword) throws SQLException {
        throw new SQLFeatureNotSupportedException(
                "the benchmark's connections all use one user; call getConnection() without arguments");
    }

    /** Physical connections opened so far, by every strategy together. */
    public long connectionsOpened() {
        return opened.get();
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** System properties that let another JVM (a JMH fork) reach the same database: see {@link #fromSystemProperties()}. */
    public java.util.List<String> asSystemProperties() {
        return java.util.List.of("-D" + URL_PROPERTY + "=" + jdbcUrl, "-D" + USER_PROPERTY + "=" + user,
                "-D" + PASSWORD_PROPERTY + "=" + password);
    }

    /** The source that {@link #asSystemProperties()} described to this JVM. */
    public static ConnectionSource fromSystemProperties() {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null) {
            throw new IllegalStateException("no " + URL_PROPERTY + " system property: start the JMH benchmark "
                    + "through BenchmarkMain, which starts the database and passes its address on");
        }
        return new ConnectionSource(url, System.getProperty(USER_PROPERTY), System.getProperty(PASSWORD_PROPERTY));
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Nothing is logged here.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("the connection source does not log through java.util.logging");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("ConnectionSource is not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return "ConnectionSource[" + jdbcUrl + ", opened=" + opened.get() + "]";
    }
}
