package poolkit.health;

import poolkit.basic.DelegatingConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * GIVEN: the handle a borrower holds (Exercise 1, Task 4). It forwards every call to the physical connection until
 * it is closed; closing it gives the physical connection back to the pool exactly once. After that, it refuses to
 * be used.
 */
final class PooledConnection extends DelegatingConnection {

    private final HealthCheckedPool pool;
    private final PhysicalConnection physical;
    private final AtomicBoolean closed = new AtomicBoolean();

    PooledConnection(HealthCheckedPool pool, PhysicalConnection physical) {
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
            pool.giveBack(physical);
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
