package poolkit.monitoring;

import poolkit.basic.AbstractPoolDataSource;
import poolkit.basic.ConnectionFactory;
import poolkit.basic.PoolConfig;
import poolkit.basic.PoolStats;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A JDBC connection pool that records what happens to it in its {@link PoolMetrics}.
 *
 * <p>PRE-FILLED: the pooling is exercise 1's worked solution (one lock, one condition; slow work such as connecting
 * and closing happens outside the lock), and it works. Read it once. What is missing is the recording (Task 2):
 * {@link #getConnection()}, {@link #open()} and {@link #discard(PhysicalConnection)} are yours, and
 * {@link PooledConnection#close()} records the release. Each event must be recorded exactly once, where it happens.
 */
public final class MonitoredPool extends AbstractPoolDataSource implements AutoCloseable {

    private final String name;
    private final PoolConfig config;
    private final ConnectionFactory factory;
    private final PoolMetrics metrics = new PoolMetrics();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();

    // Guarded by lock.
    private final Deque<PhysicalConnection> idle = new ArrayDeque<>();
    private int total;
    private int active;
    private int waiting;
    private boolean closed;

    /**
     * Opens {@code minConnections} connections at once.
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
        this.factory = Objects.requireNonNull(factory, "factory");
        List<PhysicalConnection> opened = new ArrayList<>();
        try {
            for (int i = 0; i < config.minConnections(); i++) {
                opened.add(open());
            }
        } catch (SQLException | RuntimeException e) {
            opened.forEach(this::discard);
            throw new SQLException("pool " + name + " could not open its " + config.minConnections()
                    + " initial connections (minConnections): " + e.getMessage(), e);
        }
        lock.lock();
        try {
            idle.addAll(opened);
            total = opened.size();
        } finally {
            lock.unlock();
        }
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
     * TASK 2: lend a connection with {@link #borrow()} (given: exercise 1's rules) and record the call in
     * {@link #metrics}: {@code acquired} when it returns a connection, {@code timedOut} when it throws
     * {@link SQLTransientConnectionException}, each with the time from the call of getConnection() to the return
     * or the exception. Any other failure (a refused connect, a closed pool) is neither, and the exception goes on
     * to the caller unchanged.
     */
    @Override
    public Connection getConnection() throws SQLException {
        throw NotImplemented.task(2, "time the acquisition and record it in MonitoredPool.getConnection()");
    }

    /**
     * Exercise 1's getConnection(): an idle connection, else a new one below maxConnections, else the first one
     * given back within connectionTimeout.
     *
     * @throws SQLTransientConnectionException when no connection came free within connectionTimeout, and only then
     */
    private Connection borrow() throws SQLException {
        long deadline = System.nanoTime() + config.connectionTimeout().toNanos();
        while (true) {
            List<PhysicalConnection> retired = new ArrayList<>();
            PhysicalConnection candidate;
            lock.lock();
            try {
                candidate = takeIdleOrReserveSlot(deadline, retired);
            } finally {
                lock.unlock();
                retired.forEach(this::discard);
            }
            if (candidate == null) {
                return lend(openInReservedSlot());
            }
            if (isOpen(candidate)) {
                return new PooledConnection(this, candidate);
            }
            discardLent(candidate);
        }
    }

    /** Called with the lock held: an idle connection (counted as lent), or null after reserving a slot, or waits. */
    private PhysicalConnection takeIdleOrReserveSlot(long deadline, List<PhysicalConnection> retired)
            throws SQLException {
        while (true) {
            if (closed) {
                throw poolClosed();
            }
            retireIdle(System.nanoTime(), retired);
            PhysicalConnection connection = idle.pollFirst();
            if (connection != null) {
                active++;
                return connection;
            }
            if (total < config.maxConnections()) {
                total++;
                return null;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new SQLTransientConnectionException("pool " + name + " timed out after "
                        + config.connectionTimeout().toMillis() + " ms waiting for a connection (" + statsLocked()
                        + "): every connection is in use. Close each connection you borrow, hold it for less time, "
                        + "or raise maxConnections.");
            }
            waiting++;
            try {
                available.awaitNanos(remaining);
            } catch (InterruptedException e) {
                available.signal(); // a wake-up meant for us may have been consumed: pass it on
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for a connection of pool " + name, e);
            } finally {
                waiting--;
            }
        }
    }

    private PhysicalConnection openInReservedSlot() throws SQLException {
        try {
            return open();
        } catch (SQLException | RuntimeException e) {
            lock.lock();
            try {
                total--;
                available.signal();
            } finally {
                lock.unlock();
            }
            throw new SQLException("pool " + name + " could not open a new connection: " + e.getMessage(), e);
        }
    }

    private Connection lend(PhysicalConnection fresh) throws SQLException {
        lock.lock();
        try {
            if (!closed) {
                active++;
                return new PooledConnection(this, fresh);
            }
            total--;
        } finally {
            lock.unlock();
        }
        discard(fresh);
        throw poolClosed();
    }

    /**
     * TASK 2: open one physical connection with {@code factory.connect()}; the only place the pool connects.
     * Record {@code created} with the time the connect took, or {@code connectFailed} when it throws (or returns
     * null: throw an SQLException saying so), and rethrow. Return
     * {@code new PhysicalConnection(connection, System.nanoTime())}.
     */
    private PhysicalConnection open() throws SQLException {
        throw NotImplemented.task(2, "connect and record it in MonitoredPool.open()");
    }

    /**
     * TASK 2: close a physical connection the pool lets go of (retired, broken, or at pool close); the only place
     * the pool closes one. Record {@code closed}. A failure to close changes nothing for the pool: swallow it.
     */
    private void discard(PhysicalConnection connection) {
        throw NotImplemented.task(2, "close a connection and record it in MonitoredPool.discard()");
    }

    /** Takes back a connection a borrower is done with: called once per handle, by {@link PooledConnection#close()}. */
    void giveBack(PhysicalConnection connection) {
        boolean reusable = resetForNextBorrower(connection.connection);
        List<PhysicalConnection> retired = new ArrayList<>();
        lock.lock();
        try {
            active--;
            long now = System.nanoTime();
            if (closed || !reusable || isPastLifetime(connection, now)) {
                total--;
                retired.add(connection);
            } else {
                connection.idleSince = now;
                idle.addFirst(connection);
            }
            retireIdle(now, retired);
            available.signal();
        } finally {
            lock.unlock();
        }
        retired.forEach(this::discard);
    }

    private void discardLent(PhysicalConnection broken) {
        lock.lock();
        try {
            active--;
            total--;
            available.signal();
        } finally {
            lock.unlock();
        }
        discard(broken);
    }

    /** Called with the lock held: moves idle connections past their lifetime or idle timeout to {@code retired}. */
    private void retireIdle(long now, List<PhysicalConnection> retired) {
        long idleTimeout = config.idleTimeout().toNanos();
        Iterator<PhysicalConnection> leastRecentFirst = idle.descendingIterator();
        while (leastRecentFirst.hasNext()) {
            PhysicalConnection connection = leastRecentFirst.next();
            boolean idleTooLong = now - connection.idleSince >= idleTimeout && total > config.minConnections();
            if (idleTooLong || isPastLifetime(connection, now)) {
                leastRecentFirst.remove();
                total--;
                retired.add(connection);
            }
        }
        if (!retired.isEmpty()) {
            available.signalAll(); // freed slots let waiters open new connections
        }
    }

    private boolean isPastLifetime(PhysicalConnection connection, long now) {
        return now - connection.createdAt >= config.maxLifetime().toNanos();
    }

    /** Undoes what a borrower may have changed, so the next one starts clean. False if the connection is unusable. */
    private static boolean resetForNextBorrower(Connection connection) {
        try {
            if (connection.isClosed()) {
                return false;
            }
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            if (connection.isReadOnly()) {
                connection.setReadOnly(false);
            }
            connection.clearWarnings();
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isOpen(PhysicalConnection connection) {
        try {
            return !connection.connection.isClosed();
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** What the pool holds right now. */
    public PoolStats stats() {
        lock.lock();
        try {
            return statsLocked();
        } finally {
            lock.unlock();
        }
    }

    private PoolStats statsLocked() {
        return new PoolStats(total, active, idle.size(), waiting);
    }

    /** The share of maxConnections lent out right now, from 0.0 to 1.0. */
    public double utilisation() {
        return (double) stats().active() / config.maxConnections();
    }

    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the pool: idle connections now, lent ones when they are given back. Closing again does nothing. */
    @Override
    public void close() {
        List<PhysicalConnection> idleOnes;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            idleOnes = new ArrayList<>(idle);
            total -= idle.size();
            idle.clear();
            available.signalAll();
        } finally {
            lock.unlock();
        }
        idleOnes.forEach(this::discard);
    }

    private SQLException poolClosed() {
        return new SQLException("pool " + name + " is closed: it lends no more connections. Create a new pool.", "08003");
    }

    @Override
    public String toString() {
        return "MonitoredPool[" + name + ": " + stats() + "]";
    }

    /** A physical connection and the times the pool needs to retire it. */
    static final class PhysicalConnection {
        final Connection connection;
        final long createdAt;
        long idleSince; // guarded by the pool's lock

        PhysicalConnection(Connection connection, long createdAt) {
            this.connection = connection;
            this.createdAt = createdAt;
            this.idleSince = createdAt;
        }
    }
}
