package poolkit.basic;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Predicate;

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
     * TASK 2: a pool without hooks (every test before Task 7 makes its pool this way). Remember the configuration and
     * the factory, and open {@code config.minConnections()} connections now. If one of them cannot be opened, close
     * those already opened and throw an {@link SQLException} that says so and keeps the factory's exception as its
     * cause.
     */
    public ConnectionPool(PoolConfig config, ConnectionFactory factory) throws SQLException {
        throw NotImplemented.task(2, "open minConnections connections in the ConnectionPool constructor");
    }

    /**
     * TASK 7: a pool that tells {@code hooks} about its events: the same as the constructor above, and keep the hooks.
     * Then have that constructor call this one with {@link PoolHooks#NONE}, so the pool opens in one place.
     */
    public ConnectionPool(PoolConfig config, ConnectionFactory factory, PoolHooks hooks) throws SQLException {
        throw NotImplemented.task(7, "make a pool with hooks in the three-argument ConnectionPool constructor");
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
     * thread's interrupt flag set. The returned handle gives the connection back when it is closed (also TASK 3, in
     * {@link PooledConnection}).
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

    /**
     * TASK 7: how many connections the pool may have open now: {@code config.maxConnections()} until
     * {@link #setMaxConnections} changes it. From Task 7 on, the pool's limit is this value, not the config's.
     */
    public int maxConnections() {
        throw NotImplemented.task(7, "report the current limit in ConnectionPool.maxConnections()");
    }

    /**
     * TASK 7: change the limit at run time. A higher limit lets waiting borrowers open connections at once; a lower
     * one closes idle connections above it now, and lent ones as they come back. Throw an
     * {@link IllegalArgumentException} naming the value for a limit below 1 or below minConnections.
     */
    public void setMaxConnections(int limit) {
        throw NotImplemented.task(7, "change the limit at run time in ConnectionPool.setMaxConnections()");
    }

    /**
     * TASK 7: a housekeeper's check of every idle connection, once. Close those past maxLifetime, or idle past
     * idleTimeout while the pool is above minConnections. Take each other one out of the idle connections (no
     * borrower may get it while it is checked), test it with {@code keep} without holding your lock, then put it back
     * if it passed or close it if it failed or threw. Return how many you closed.
     */
    public int checkIdle(Predicate<Connection> keep) {
        throw NotImplemented.task(7, "check the idle connections in ConnectionPool.checkIdle()");
    }

    /**
     * TASK 7: open one more connection and add it to the idle ones, if the pool is open and below its limit (it
     * counts toward the limit while it is being opened). Return false, opening nothing, when the pool is closed or at
     * its limit. When the connect fails, leave the pool as it was and throw an {@link SQLException}.
     */
    public boolean addConnection() throws SQLException {
        throw NotImplemented.task(7, "add a connection in ConnectionPool.addConnection()");
    }

    /** TASK 2: true once {@link #close()} has been called. */
    public boolean isClosed() {
        throw NotImplemented.task(2, "ConnectionPool.isClosed()");
    }

    /**
     * TASK 2: close the pool: close the idle connections now. Closing twice does nothing the second time. TASK 6
     * comes back here for a pool in use: lent connections are closed when they are given back, every waiting
     * borrower is woken with an {@link SQLException}, and later calls of getConnection() throw one too.
     */
    @Override
    public void close() {
        throw NotImplemented.task(2, "close the pool in ConnectionPool.close()");
    }
}
