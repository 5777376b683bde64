package poolkit.monitoring;

import poolkit.basic.AbstractPoolDataSource;
import poolkit.basic.ConnectionFactory;
import poolkit.basic.ConnectionPool;
import poolkit.basic.PoolConfig;
import poolkit.basic.PoolHooks;
import poolkit.basic.PoolStats;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/**
 * GIVEN: a named connection pool that records what happens to it in its {@link PoolMetrics}.
 *
 * <p>It does no pooling of its own. The pooling is the kit's reference pool, {@link ConnectionPool} from
 * {@code reference-pool/} (exercise 1's answer), and this class only wires your code into it:
 * <ul>
 *   <li>the pool reports every event (a connection opened or closed, a failed connect, a borrower served or timed
 *       out, a connection given back) to the {@link PoolHooks} it was made with, your {@link MetricsHooks}, which
 *       records each one in {@link #metrics()} (Task 2);</li>
 *   <li>every connection it lends is wrapped in a {@link MonitoredConnection}, whose statements your
 *       {@link QueryCounter} makes count their queries (Task 3).</li>
 * </ul>
 * HikariCP is built the same way: the pool calls an {@code IMetricsTracker} at each event, and a tracker made by a
 * {@code MetricsTrackerFactory} turns the calls into metrics.
 */
public final class MonitoredPool extends AbstractPoolDataSource implements AutoCloseable {

    private final String name;
    private final PoolConfig config;
    private final PoolMetrics metrics = new PoolMetrics();
    private final QueryCounter queryCounter = new QueryCounter(metrics);
    private final ConnectionPool pool;

    /**
     * Opens {@code minConnections} connections at once (each one recorded as created).
     *
     * @param name what the pool is called in metrics (the {@code pool} tag) and messages, e.g. "trades"
     * @throws SQLException when the initial connections cannot all be opened; those that were are closed again
     */
    public MonitoredPool(String name, PoolConfig config, ConnectionFactory factory) throws SQLException {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a pool needs a name: it tags every metric of the pool. Got "
                    + (name == null ? "null" : "\"" + name + "\""));
        }
        this.name = name;
        this.config = Objects.requireNonNull(config, "config");
        this.pool = new ConnectionPool(config, Objects.requireNonNull(factory, "factory"), new MetricsHooks(metrics));
    }

    public String name() {
        return name;
    }

    public PoolConfig config() {
        return config;
    }

    /** What this pool counted so far. */
    public PoolMetrics metrics() {
        return metrics;
    }

    /**
     * Lends a connection by the reference pool's rules (an idle one, else a new one below maxConnections, else the
     * first one given back within connectionTimeout). The pool reports the acquisition or the timeout to the hooks;
     * the handle returned counts the queries of the statements it creates.
     *
     * @throws java.sql.SQLTransientConnectionException when no connection came free within connectionTimeout
     * @throws SQLException when the pool is closed, the wait is interrupted, or a new connection cannot be opened
     */
    @Override
    public Connection getConnection() throws SQLException {
        return new MonitoredConnection(name, pool.getConnection(), queryCounter);
    }

    /** What the pool holds right now. */
    public PoolStats stats() {
        return pool.stats();
    }

    /** The share of maxConnections lent out right now, from 0.0 to 1.0. */
    public double utilisation() {
        return (double) pool.stats().active() / pool.maxConnections();
    }

    public boolean isClosed() {
        return pool.isClosed();
    }

    /** Closes the pool: idle connections now, lent ones when they are given back. Closing again does nothing. */
    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "MonitoredPool[" + name + ": " + stats() + "]";
    }
}
