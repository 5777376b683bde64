package poolkit.faulttolerant;

import poolkit.basic.AbstractPoolDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * YOUR POOL. A pool over a primary and its replicas: one {@link poolkit.basic.ConnectionPool} per server (the kit's
 * working pool from exercise 1, ready to use), a router in front of them, and a background health check.
 *
 * <p>Replace each {@code throw NotImplemented.task(...)} with your code, one task at a time. Add the fields and
 * classes you need (a small class per server helps); keep the public methods as they are: the tests use only them.
 * README.md sketches designs that work and the traps of each.
 */
public final class FaultTolerantPool extends AbstractPoolDataSource implements AutoCloseable {

    /**
     * TASK 2: keep the configuration and start a {@link poolkit.basic.ConnectionPool} for every server (with
     * {@code config.poolPerServer()} and the server's factory). A server whose pool cannot start is DOWN, with the
     * reason as its lastFailure; the constructor does not fail because of it.
     * TASK 5: also start the background health check, every {@code config.healthCheckInterval()}.
     */
    public FaultTolerantPool(ClusterConfig config) {
        throw NotImplemented.task(2, "start one pool per server in the FaultTolerantPool constructor");
    }

    /** A connection for writing: a plain {@code DataSource} user gets one that can write. */
    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(Access.READ_WRITE);
    }

    /**
     * TASK 3: route the request. READ_WRITE: the primary. READ_ONLY: a replica that is UP, chosen by
     * {@code config.readPolicy()}; the primary when no replica is UP.
     * TASK 4: survive failures. Check a connection works ({@code isValid}) before lending it. One dead connection
     * does not prove a dead server (after a restart every idle connection is dead): evict the server's connections
     * and let a fresh one decide. A server that cannot give a working connection is marked DOWN and its
     * connections are closed; a read then tries the next server, so the caller sees no error while any server can
     * serve it. A write while the primary is DOWN, or that finds it dead, throws
     * {@link PrimaryUnavailableException} at once.
     * TASK 6: after {@link #close()}, throw an {@link SQLException} that says the pool is closed.
     *
     * @throws PrimaryUnavailableException for READ_WRITE while the primary is down
     * @throws SQLTransientConnectionException for READ_ONLY when no server at all can serve it
     */
    public Connection getConnection(Access access) throws SQLException {
        throw NotImplemented.task(3, "route getConnection(" + access + ") to the right server");
    }

    /** TASK 2: every server (name, role, UP or DOWN, its pool's stats, last failure) and the read policy. */
    public ClusterStatus status() {
        throw NotImplemented.task(2, "report every server's state in FaultTolerantPool.status()");
    }

    /** TASK 2: true once {@link #close()} has been called. */
    public boolean isClosed() {
        throw NotImplemented.task(2, "FaultTolerantPool.isClosed()");
    }

    /**
     * TASK 2: close every server's pool (idle connections now, lent ones when they come back). Closing twice does
     * nothing the second time. TASK 6 comes back here: stop the health checks (Task 5), without a race that lets a
     * check bring a server back with a fresh pool after close().
     */
    @Override
    public void close() {
        throw NotImplemented.task(2, "close every server's pool in FaultTolerantPool.close()");
    }
}
