package poolkit.faulttolerant;

import poolkit.basic.ConnectionPool;
import poolkit.basic.PoolConfig;
import poolkit.basic.PoolStats;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * One server of the cluster and the pool kept for it while it is UP.
 *
 * <p>The state is the pool itself: a server is UP while it has a pool and DOWN while it has none. Taking a server
 * down closes its pool, which evicts every idle connection at once and every lent one when it comes back, so no
 * connection to a failed server is lent again. Bringing it back up creates a fresh pool. Transitions are
 * serialised by this object's monitor; borrowers read the volatile field and never wait for a transition.
 */
final class ServerNode {

    private static final PoolStats NO_CONNECTIONS = new PoolStats(0, 0, 0, 0);

    final DatabaseServer server;
    private final PoolConfig poolConfig;
    private volatile ConnectionPool pool; // null while DOWN
    private volatile String lastFailure;
    private boolean closed; // guarded by this

    ServerNode(DatabaseServer server, PoolConfig poolConfig) {
        this.server = server;
        this.poolConfig = poolConfig;
    }

    String name() {
        return server.name();
    }

    boolean isUp() {
        return pool != null;
    }

    /** Connections lent out right now; a DOWN server counts as fully loaded. */
    int lentOut() {
        ConnectionPool current = pool;
        return current == null ? Integer.MAX_VALUE : current.stats().active();
    }

    /**
     * Lends a connection that was just checked to work, or throws after taking the server down. A pool that is
     * merely exhausted ({@link SQLTransientConnectionException} after its connectionTimeout) is not a failure of
     * the server and leaves it UP.
     */
    Connection borrow(int validationSeconds) throws SQLException {
        ConnectionPool current = pool;
        if (current == null) {
            throw new SQLException(describe() + " is DOWN (last failure: " + lastFailure + ")");
        }
        Connection connection = lendValid(current, validationSeconds);
        if (connection != null) {
            return connection;
        }
        // A dead connection does not prove a dead server: after a restart every idle connection is dead while the
        // server is fine. Evict them all by replacing the pool, and let a fresh connection decide.
        markDown(current, "a pooled connection failed validation");
        bringUp();
        ConnectionPool fresh = pool;
        if (fresh == null) {
            throw new SQLException(describe() + " failed: " + lastFailure);
        }
        connection = lendValid(fresh, validationSeconds);
        if (connection != null) {
            return connection;
        }
        markDown(fresh, "a new connection failed validation");
        throw new SQLException(describe() + " failed: even a new connection failed validation");
    }

    /** A connection from {@code from} that validated, or null if it did not; a failed connect takes the server down. */
    private Connection lendValid(ConnectionPool from, int validationSeconds) throws SQLException {
        Connection connection;
        try {
            connection = from.getConnection();
        } catch (SQLTransientConnectionException busy) {
            throw busy;
        } catch (SQLException e) {
            markDown(from, e.getMessage());
            throw e;
        }
        if (isValid(connection, validationSeconds)) {
            return connection;
        }
        connection.close();
        return null;
    }

    /** Takes the server down if {@code failed} is still its pool (a newer pool is not blamed for an old failure). */
    void markDown(ConnectionPool failed, String reason) {
        synchronized (this) {
            if (pool != failed || failed == null) {
                return;
            }
            pool = null;
            lastFailure = reason;
        }
        failed.close(); // outside the monitor: closing connections to a dead server may be slow
    }

    /** Takes the server down whatever pool it has (health check failed). */
    void markDown(String reason) {
        markDown(pool, reason);
    }

    /** Brings a DOWN server back with a fresh pool; stays DOWN (recording why) if that pool cannot start. */
    synchronized void bringUp() {
        if (closed || pool != null) {
            return;
        }
        try {
            pool = new ConnectionPool(poolConfig, server.factory());
        } catch (SQLException | RuntimeException e) {
            lastFailure = e.getMessage();
        }
    }

    void recordFailure(String reason) {
        lastFailure = reason;
    }

    ServerStatus status() {
        ConnectionPool current = pool;
        return new ServerStatus(server.name(), server.role(), current == null ? ServerState.DOWN : ServerState.UP,
                current == null ? NO_CONNECTIONS : current.stats(), lastFailure);
    }

    String describe() {
        return server.role().name().toLowerCase() + " '" + server.name() + "'";
    }

    String lastFailure() {
        return lastFailure;
    }

    /** Closes the pool for good: a health check running at the same time cannot bring it back. */
    void close() {
        ConnectionPool current;
        synchronized (this) {
            closed = true;
            current = pool;
            pool = null;
        }
        if (current != null) {
            current.close();
        }
    }

    private static boolean isValid(Connection connection, int seconds) {
        try {
            return connection.isValid(seconds);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
