package poolkit.basic;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * YOUR POOL. A JDBC connection pool that lends real {@code java.sql.Connection}s and is a {@code DataSource}, so
 * plain JDBC code can use it. How you make it thread-safe is up to you: README.md sketches three designs (one lock
 * and a condition; a semaphore and a queue; a blocking queue of idle connections) and the traps of each.
 *
 * <p>Replace each {@code throw NotImplemented.task(...)} with your code, one task at a time, running the tests as
 * you go. Add the fields you need; keep the public methods as they are: the tests use only them.
 */
public final class ConnectionPool extends AbstractPoolDataSource implements AutoCloseable {

    /**
     * TASK 2: remember the configuration and the factory, and open {@code config.minConnections()} connections
     * now. If one of them cannot be opened, close those already opened and throw an {@link SQLException} that says
     * so and keeps the factory's exception as its cause.
     */
    public ConnectionPool(PoolConfig config, ConnectionFactory factory) throws SQLException {
        throw NotImplemented.task(2, "open minConnections connections in the ConnectionPool constructor");
    }

    /**
     * TASK 3: lend a connection.
     * <ol>
     *   <li>an idle connection if there is one (never one that is closed or past maxLifetime);</li>
     *   <li>else a new one from the factory, if the pool has fewer than maxConnections (never more, however many
     *       threads ask at once; and connect without blocking other borrowers);</li>
     *   <li>else wait until a connection is given back, for at most connectionTimeout, then throw an
     *       {@link SQLTransientConnectionException} whose message includes {@link #stats()}.</li>
     * </ol>
     * A failed connect must not use up a slot. An interrupted wait throws an {@link SQLException} and leaves the
     * thread's interrupt flag set. The returned handle gives the connection back when it is closed (TASK 4).
     */
    @Override
    public Connection getConnection() throws SQLException {
        throw NotImplemented.task(3, "lend a connection in ConnectionPool.getConnection()");
    }

    /**
     * TASK 2 (total, idle), TASK 3 (active, waiting): what the pool holds right now, counted consistently: total is
     * every connection the pool owns (lent, idle, or being opened).
     */
    public PoolStats stats() {
        throw NotImplemented.task(2, "report the pool's state in ConnectionPool.stats()");
    }

    /** TASK 6: true once {@link #close()} has been called. */
    public boolean isClosed() {
        throw NotImplemented.task(6, "ConnectionPool.isClosed()");
    }

    /**
     * TASK 6: close the pool. Close the idle connections now and lent ones when they are given back; wake every
     * waiting borrower with an {@link SQLException}; later calls of getConnection() throw one too. Closing twice
     * does nothing the second time.
     */
    @Override
    public void close() {
        throw NotImplemented.task(6, "close the pool in ConnectionPool.close()");
    }
}
