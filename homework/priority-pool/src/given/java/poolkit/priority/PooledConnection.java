package poolkit.priority;

import poolkit.basic.DelegatingConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * GIVEN: the handle a borrower holds (exercise 1's Task 4, done for you). It forwards every call to the physical
 * connection until it is closed. Closing it undoes what the borrower changed and then calls
 * {@link PriorityPool#giveBack(Connection, boolean)} exactly once, however many times and from however many threads
 * {@code close()} is called. The reset runs here, in the borrower's thread, so the pool never does it under a lock.
 */
final class PooledConnection extends DelegatingConnection {

    private final PriorityPool pool;
    private final Connection physical;
    private final AtomicBoolean closed = new AtomicBoolean();

    PooledConnection(PriorityPool pool, Connection physical) {
        this.pool = pool;
        this.physical = physical;
    }

    @Override
    protected Connection delegate() throws SQLException {
        if (closed.get()) {
            throw new SQLException("this connection handle is closed: close() gave its connection back to the pool. "
                    + "Borrow another one with getConnection().", "08003");
        }
        return physical;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            pool.giveBack(physical, resetForNextBorrower(physical));
        }
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public String toString() {
        return "PooledConnection[" + (closed.get() ? "closed" : physical) + "]";
    }

    /**
     * Undoes what a borrower may have changed (an open transaction, auto-commit off, read-only on), so the next one
     * starts clean. False when the connection turned out broken: the pool must then close it, not lend it again.
     */
    private static boolean resetForNextBorrower(Connection connection) {
        try {
            if (connection.isClosed()) {
                return false;
            }
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            if (connection.isReadOnly()) {
                connection.setReadOnly(false);
            }
            connection.clearWarnings();
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
