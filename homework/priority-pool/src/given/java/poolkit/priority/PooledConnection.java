package poolkit.priority;

import poolkit.basic.DelegatingConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * GIVEN: the handle a borrower holds (exercise 1's Task 4, done for you). It forwards every call to the physical
 * connection until it is closed. Closing it sets back what the borrower changed and then calls
 * {@link PriorityPool#giveBack(Connection, boolean)} exactly once, however many times and from however many threads
 * {@code close()} is called. The reset runs here, in the borrower's thread, so the pool never does it under a lock.
 *
 * <p>It follows the same rules as the kit's reference pool, and the same tests check both (test-support's
 * {@code ConnectionResetContract}): an open transaction is rolled back, each setting the borrower changed
 * (auto-commit, read-only, isolation, catalog, schema, network timeout) is set back to the value it had when this
 * borrower got the connection (which is the value it was opened with, since every return sets it back), warnings
 * are cleared, and statements left open are closed.
 */
final class PooledConnection extends DelegatingConnection {

    private final PriorityPool pool;
    private final Connection physical;
    private final AtomicBoolean closed = new AtomicBoolean();

    // Used by the borrower's thread while the handle is open, then read by close().
    private final List<Statement> statements = new ArrayList<>();
    private Boolean autoCommit;
    private Boolean readOnly;
    private Integer isolation;
    private boolean catalogChanged;
    private String catalog;
    private boolean schemaChanged;
    private String schema;
    private Integer networkTimeout;

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
    protected <S extends Statement> S opened(S statement) {
        statements.add(statement);
        return statement;
    }

    @Override
    public void setAutoCommit(boolean value) throws SQLException {
        if (autoCommit == null) {
            autoCommit = delegate().getAutoCommit();
        }
        super.setAutoCommit(value);
    }

    @Override
    public void setReadOnly(boolean value) throws SQLException {
        if (readOnly == null) {
            readOnly = delegate().isReadOnly();
        }
        super.setReadOnly(value);
    }

    @Override
    public void setTransactionIsolation(int value) throws SQLException {
        if (isolation == null) {
            isolation = delegate().getTransactionIsolation();
        }
        super.setTransactionIsolation(value);
    }

    @Override
    public void setCatalog(String value) throws SQLException {
        if (!catalogChanged) {
            catalog = delegate().getCatalog();
            catalogChanged = true;
        }
        super.setCatalog(value);
    }

    @Override
    public void setSchema(String value) throws SQLException {
        if (!schemaChanged) {
            schema = delegate().getSchema();
            schemaChanged = true;
        }
        super.setSchema(value);
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        if (networkTimeout == null) {
            networkTimeout = delegate().getNetworkTimeout();
        }
        super.setNetworkTimeout(executor, milliseconds);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            pool.giveBack(physical, resetForNextBorrower());
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

    /** Sets back what this borrower changed. False when the connection is broken or the reset failed. */
    private boolean resetForNextBorrower() {
        for (Statement statement : statements) {
            try {
                statement.close();
            } catch (SQLException | RuntimeException e) {
                // the reset below finds out whether the connection still works
            }
        }
        try {
            if (physical.isClosed()) {
                return false;
            }
            if (!physical.getAutoCommit()) {
                physical.rollback(); // before auto-commit goes back on, which would commit it
            }
            if (autoCommit != null) {
                physical.setAutoCommit(autoCommit);
            }
            if (readOnly != null) {
                physical.setReadOnly(readOnly);
            }
            if (isolation != null) {
                physical.setTransactionIsolation(isolation);
            }
            if (catalogChanged) {
                physical.setCatalog(catalog);
            }
            if (schemaChanged) {
                physical.setSchema(schema);
            }
            if (networkTimeout != null) {
                physical.setNetworkTimeout(Runnable::run, networkTimeout);
            }
            physical.clearWarnings();
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
