package poolkit.basic;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The handle a borrower holds. It forwards every call to the physical connection until it is closed; closing it
 * gives the physical connection back to the pool exactly once, however many times and from however many threads
 * {@code close()} is called. After that, the handle refuses to be used.
 */
final class PooledConnection extends DelegatingConnection {

    private final ConnectionPool pool;
    private final ConnectionPool.PhysicalConnection physical;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final long lentAt = System.nanoTime();

    PooledConnection(ConnectionPool pool, ConnectionPool.PhysicalConnection physical) {
        this.pool = pool;
        this.physical = physical;
    }

    @Override
    protected Connection delegate() throws SQLException {
        if (closed.get()) {
            throw new SQLException("this connection handle is closed: close() gave its connection back to the pool. "
                    + "Borrow another one with getConnection().", "08003");
        }
        return physical.connection;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            pool.giveBack(physical, System.nanoTime() - lentAt);
        }
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public String toString() {
        return "PooledConnection[" + (closed.get() ? "closed" : physical.connection) + "]";
    }
}
