package poolkit.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;

/**
 * Tells whether a physical connection still works, within a time limit: with {@link Connection#isValid(int)}, or
 * by running a validation query when one is configured (for drivers whose {@code isValid} is weak, or to check that
 * the connection can really read what the application reads).
 */
public final class ConnectionValidator {

    private final Duration timeout;
    private final String validationQuery;

    /**
     * @param timeout         how long one validation may take; JDBC counts in whole seconds, so it is rounded up
     * @param validationQuery the query to run, or null to use {@link Connection#isValid(int)}
     */
    public ConnectionValidator(Duration timeout, String validationQuery) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.validationQuery = validationQuery;
    }

    /** The validator a pool with this configuration uses. */
    public static ConnectionValidator of(HealthConfig config) {
        return new ConnectionValidator(config.validationTimeout(), config.validationQuery());
    }

    /**
     * True if the connection answered within the timeout. Never throws: whatever goes wrong (a closed connection,
     * a broken socket, a failing query, a driver bug) means the connection is not fit to lend.
     */
    public boolean isAlive(Connection connection) {
        try {
            if (connection.isClosed()) {
                return false;
            }
            if (validationQuery == null) {
                return connection.isValid(timeoutSeconds());
            }
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(timeoutSeconds());
                statement.execute(validationQuery);
                return true;
            }
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** JDBC timeouts are whole seconds, and 0 would mean "no limit": round up, to at least 1. */
    private int timeoutSeconds() {
        long millis = timeout.toMillis();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
    }

    @Override
    public String toString() {
        return "ConnectionValidator[" + (validationQuery == null ? "isValid" : validationQuery)
                + ", timeout " + timeout.toMillis() + " ms]";
    }
}
