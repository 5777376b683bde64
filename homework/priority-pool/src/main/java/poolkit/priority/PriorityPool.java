package poolkit.priority;

import poolkit.basic.AbstractPoolDataSource;
import poolkit.basic.ConnectionFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * YOUR POOL: a connection pool that serves CRITICAL borrowers before REGULAR ones. README.md states the rules (the
 * waiting discipline) and sketches designs that work; the tests check the rules through the public methods only, so
 * any correct design passes.
 *
 * <p>Replace each {@code throw NotImplemented.task(...)} with your code, one task at a time, running the tests as
 * you go. Add the fields and classes you need; keep the public methods, and {@code giveBack}, as they are.
 */
public final class PriorityPool extends AbstractPoolDataSource implements AutoCloseable {

    /**
     * TASK 2: remember the configuration and the factory, and open {@code config.minConnections()} connections now.
     * If one cannot be opened, close those already opened and throw an {@link SQLException} that keeps the cause.
     */
    public PriorityPool(PriorityPoolConfig config, ConnectionFactory factory) throws SQLException {
        throw NotImplemented.task(2, "open minConnections connections in the PriorityPool constructor");
    }

    /** Given: plain JDBC code borrows as a REGULAR borrower. */
    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(Priority.REGULAR);
    }

    /**
     * Lends a connection to a borrower of the given priority, wrapped in a {@link PooledConnection} handle.
     * <ul>
     *   <li>TASK 2: an idle connection, or a new one while the pool has fewer than maxConnections; a REGULAR
     *       borrower only while more than {@code criticalReserve} connections are free (idle or not yet opened).</li>
     *   <li>TASK 3: otherwise wait in the line of your priority, at most that priority's timeout, then throw an
     *       {@link SQLTransientConnectionException} whose message names the priority and includes {@link #stats()}.
     *       A connection given back goes straight to the longest-waiting CRITICAL waiter, else to the
     *       longest-waiting REGULAR waiter that may take it.</li>
     *   <li>TASK 4: a REGULAR waiter passed over {@code maxPassOvers} times is served before any CRITICAL one.</li>
     * </ul>
     */
    public Connection getConnection(Priority priority) throws SQLException {
        throw NotImplemented.task(2, "lend a connection in PriorityPool.getConnection(Priority)");
    }

    /**
     * Called by the given {@link PooledConnection#close()}, exactly once per handle, after it reset the connection.
     * TASK 2: take the connection back (or close it, if {@code reusable} is false or the pool is closed).
     * TASK 3: then serve the next waiter, by the rules.
     */
    void giveBack(Connection physical, boolean reusable) {
        throw NotImplemented.task(2, "take a connection back in PriorityPool.giveBack");
    }

    /**
     * TASK 2 (total, active, idle), TASK 3 (criticalWaiting, regularWaiting): what the pool holds right now, counted
     * consistently. A borrower counts as waiting from the moment it has its place in its line.
     */
    public PriorityPoolStats stats() {
        throw NotImplemented.task(2, "report the pool's state in PriorityPool.stats()");
    }

    /** TASK 2: true once {@link #close()} has been called. */
    public boolean isClosed() {
        throw NotImplemented.task(2, "PriorityPool.isClosed()");
    }

    /**
     * TASK 2: close the pool: idle connections now, lent ones when they are given back; later calls of
     * getConnection() throw an {@link SQLException} saying the pool is closed. TASK 3: wake every waiter, of both
     * lines, with an {@link SQLException}. Closing twice does nothing the second time.
     */
    @Override
    public void close() {
        throw NotImplemented.task(2, "close the pool in PriorityPool.close()");
    }
}
