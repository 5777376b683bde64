package poolkit.basic;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The handle a borrower holds. It forwards every call to the physical connection until it is closed; closing it
 * gives the physical connection back to the pool exactly once, however many times and from however many threads
 * {@code close()} is called. After that, the handle refuses to be used.
 *
 * <p>It records what its borrower changed, so the pool resets only that (as HikariCP's "dirty bits" do): a borrower
 * that changed nothing costs no round trip to the database on return. It also remembers the statements the borrower
 * opened, and closes those still open when the connection goes back.
 */
final class PooledConnection extends DelegatingConnection {

    static final int AUTO_COMMIT = 1;
    static final int READ_ONLY = 2;
    static final int ISOLATION = 4;
    static final int CATALOG = 8;
    static final int SCHEMA = 16;
    static final int NETWORK_TIMEOUT = 32;

    private final ConnectionPool pool;
    private final ConnectionPool.PhysicalConnection physical;
    private final AtomicBoolean closed = new AtomicBoolean();

    // Used by the borrower's thread while the handle is open, then read by close(): a borrower that hands its
    // connection to other threads must make its own arrangements, as with any JDBC connection.
    private int changed;
    private List<Statement> statements; // made at the first statement: most borrowers open one, a cycle costs none

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
    protected <S extends Statement> S opened(S statement) {
        if (statements == null) {
            statements = new ArrayList<>();
        } else if (statements.size() >= 64) {
            statements.removeIf(PooledConnection::isClosedQuietly); // keeps a long-held handle from hoarding them
        }
        statements.add(statement);
        return statement;
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        physical.rememberInitial(AUTO_COMMIT);
        super.setAutoCommit(autoCommit);
        changed |= AUTO_COMMIT;
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        physical.rememberInitial(READ_ONLY);
        super.setReadOnly(readOnly);
        changed |= READ_ONLY;
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        physical.rememberInitial(ISOLATION);
        super.setTransactionIsolation(level);
        changed |= ISOLATION;
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        physical.rememberInitial(CATALOG);
        super.setCatalog(catalog);
        changed |= CATALOG;
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        physical.rememberInitial(SCHEMA);
        super.setSchema(schema);
        changed |= SCHEMA;
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        physical.rememberInitial(NETWORK_TIMEOUT);
        super.setNetworkTimeout(executor, milliseconds);
        changed |= NETWORK_TIMEOUT;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (statements != null) {
                for (Statement statement : statements) {
                    try {
                        statement.close(); // closes its result sets too
                    } catch (SQLException | RuntimeException e) {
                        // The reset that follows finds out whether the connection is still usable.
                    }
                }
                statements = null;
            }
            pool.giveBack(physical, changed);
        }
    }

    private static boolean isClosedQuietly(Statement statement) {
        try {
            return statement.isClosed();
        } catch (SQLException | RuntimeException e) {
            return true;
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
