package poolkit.separation;

import poolkit.basic.ConnectionFactory;
import poolkit.basic.ConnectionPool;
import poolkit.basic.PoolStats;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The trading system's connections: one {@link ConnectionPool} per {@link Workload}, each sized and timed by its own
 * entry in a {@link TradingPoolsConfig}, all over the same database. A workload that fills its pool waits (and times
 * out) on its own; the other workloads do not notice. That is the bulkhead pattern: a ship split into compartments
 * floods one compartment, not the ship.
 *
 * <p>The pools are fixed at construction and never replaced, so an {@link EnumMap} filled once needs no locking:
 * each pool is thread-safe on its own.
 */
public final class TradingPools implements AutoCloseable {

    private final Map<Workload, ConnectionPool> pools;

    /**
     * Opens the three pools, each with its own configuration, all connecting through {@code factory}.
     *
     * @throws SQLException when a pool cannot open its minimum connections; the pools already opened are closed
     *                      again, and the message names the workload whose pool failed
     */
    public TradingPools(TradingPoolsConfig config, ConnectionFactory factory) throws SQLException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(factory, "factory");
        Map<Workload, ConnectionPool> opened = new EnumMap<>(Workload.class);
        for (Workload workload : Workload.values()) {
            try {
                opened.put(workload, new ConnectionPool(config.forWorkload(workload), factory));
            } catch (SQLException | RuntimeException e) {
                opened.values().forEach(ConnectionPool::close);
                throw new SQLException("could not open the " + workload.label() + " pool, so no pool was opened: "
                        + e.getMessage(), e);
            }
        }
        this.pools = Collections.unmodifiableMap(opened);
    }

    /**
     * What each pool holds right now, one entry per workload. Each entry is consistent on its own; the three are
     * read one after the other, not at one instant.
     */
    public Map<Workload, PoolStats> stats() {
        Map<Workload, PoolStats> stats = new EnumMap<>(Workload.class);
        pools.forEach((workload, pool) -> stats.put(workload, pool.stats()));
        return Collections.unmodifiableMap(stats);
    }

    /**
     * Borrows a connection from the pool of {@code workload}; closing it gives it back to that pool.
     *
     * @throws SQLException when that pool cannot lend one (a {@link SQLTransientConnectionException} on a
     *                      timeout); the message starts with the workload's pool, e.g. "risk pool: ..."
     */
    public Connection connection(Workload workload) throws SQLException {
        ConnectionPool pool = pools.get(Objects.requireNonNull(workload, "workload"));
        try {
            return pool.getConnection();
        } catch (SQLTransientConnectionException e) {
            // Still transient: the caller may retry later. The pool's own message says how full it was.
            throw new SQLTransientConnectionException(workload.label() + " pool: " + e.getMessage(), e.getSQLState(), e);
        } catch (SQLException e) {
            throw new SQLException(workload.label() + " pool: " + e.getMessage(), e.getSQLState(), e);
        }
    }

    /** Closes all three pools: idle connections now, lent ones when they come back. Closing again does nothing. */
    @Override
    public void close() {
        pools.values().forEach(ConnectionPool::close);
    }

    @Override
    public String toString() {
        return "TradingPools" + stats();
    }
}
