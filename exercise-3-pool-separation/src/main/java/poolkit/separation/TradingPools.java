package poolkit.separation;

import poolkit.basic.ConnectionFactory;
import poolkit.basic.ConnectionPool;
import poolkit.basic.PoolStats;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * The trading system's connections: one {@link ConnectionPool} per {@link Workload}, each sized and timed by its own
 * entry in a {@link TradingPoolsConfig}, all over the same database. A workload that fills its pool waits (and times
 * out) on its own; the other workloads do not notice. That is the bulkhead pattern: a ship split into compartments
 * floods one compartment, not the ship.
 */
public final class TradingPools implements AutoCloseable {

    /**
     * Opens the three pools, each with its own configuration, all connecting through {@code factory}.
     *
     * @throws SQLException when a pool cannot open its minimum connections; the pools already opened are closed
     *                      again, and the message names the workload whose pool failed
     */
    public TradingPools(TradingPoolsConfig config, ConnectionFactory factory) throws SQLException {
        throw NotImplemented.task(1, "open one ConnectionPool per workload, each with its own PoolConfig");
    }

    /** What each pool holds right now, one entry per workload. */
    public Map<Workload, PoolStats> stats() {
        throw NotImplemented.task(1, "report stats() for each workload's pool");
    }

    /**
     * Borrows a connection from the pool of {@code workload}; closing it gives it back to that pool.
     *
     * @throws SQLException when that pool cannot lend one (a {@link java.sql.SQLTransientConnectionException} on a
     *                      timeout); the message starts with the workload's pool, e.g. "risk pool: ..."
     */
    public Connection connection(Workload workload) throws SQLException {
        throw NotImplemented.task(2, "borrow from the workload's own pool, naming that pool in errors");
    }

    /** Closes all three pools. Closing again does nothing. */
    @Override
    public void close() {
        throw NotImplemented.task(2, "close every pool");
    }
}
