package poolkit.health;

import java.sql.Connection;
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
     * TASK 2: true if the connection answered within the timeout. Never throws: whatever goes wrong (a closed
     * connection, a broken socket, a failing query, a driver that throws a RuntimeException) means the connection
     * is not fit to lend, so the answer is false.
     * <ul>
     *   <li>without a validation query: {@link Connection#isValid(int)};</li>
     *   <li>with one: run it on a statement you close again, with {@link Statement#setQueryTimeout(int)} set, so
     *       a query that hangs counts as a failure after the timeout instead of blocking the caller.</li>
     * </ul>
     * Both take whole seconds, and 0 means "no limit": round the timeout up, to at least 1.
     */
    public boolean isAlive(Connection connection) {
        throw NotImplemented.task(2, "validate a connection in ConnectionValidator.isAlive()");
    }

    @Override
    public String toString() {
        return "ConnectionValidator[" + (validationQuery == null ? "isValid" : validationQuery)
                + ", timeout " + timeout.toMillis() + " ms]";
    }
}
