package poolkit.basic;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * YOUR HANDLE: what {@link ConnectionPool#getConnection()} gives a borrower. It forwards every call to the physical
 * connection (that part is given, in {@link DelegatingConnection}), until it is closed.
 *
 * <p>Change the constructor as your pool needs; the tests never create a handle themselves.
 */
final class PooledConnection extends DelegatingConnection {

    private final ConnectionPool pool;
    private final Connection physical;

    PooledConnection(ConnectionPool pool, Connection physical) {
        this.pool = pool;
        this.physical = physical;
    }

    /**
     * TASK 3: the physical connection while the handle is open; once it is closed, throw an {@link SQLException}
     * that says the handle is closed and what to do instead.
     */
    @Override
    protected Connection delegate() throws SQLException {
        throw NotImplemented.task(3, "PooledConnection.delegate() refuses a closed handle");
    }

    /**
     * TASK 3: give the physical connection back to the pool, exactly once, however many times (and from however many
     * threads) close() is called. Never close the physical connection here: the pool decides.
     *
     * <p>TASK 4: before it is lent again, the pool must undo what the borrower changed: roll back an open transaction,
     * then set back each setting the borrower changed (auto-commit, read-only, transaction isolation, catalog, schema,
     * network timeout) to the value the connection had when it was opened; clear its warnings; close the statements
     * the borrower left open (override {@link DelegatingConnection#opened} and the setters here to record them). It
     * must not lend a connection that turned out to be broken, or whose reset failed.
     */
    @Override
    public void close() throws SQLException {
        throw NotImplemented.task(3, "give the connection back in PooledConnection.close()");
    }

    /** TASK 3: true once close() has been called on this handle. */
    @Override
    public boolean isClosed() {
        throw NotImplemented.task(3, "PooledConnection.isClosed()");
    }
}
