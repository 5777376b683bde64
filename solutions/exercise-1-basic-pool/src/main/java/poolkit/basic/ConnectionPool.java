package poolkit.basic;

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
 * A JDBC connection pool built on one lock and one condition.
 *
 * <p>All bookkeeping (the idle connections, how many slots are taken, who waits) is guarded by {@link #lock}, and
 * every change that may let a waiter proceed signals {@link #available}. Slow work never happens under the lock:
 * connecting, resetting and closing a physical connection all run after it is released. To open a connection
 * without the lock, a borrower first reserves a slot ({@code total++}) and gives it back if the connect fails.
 *
 * <p>Idle connections are kept most-recently-used first, so a quiet pool lends the same few connections and the
 * others age out through the idle timeout.
 */
public final class ConnectionPool extends AbstractPoolDataSource implements AutoCloseable {

    private final PoolConfig config;
    private final ConnectionFactory factory;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();

    // Guarded by lock.
    private final Deque<PhysicalConnection> idle = new ArrayDeque<>();
    private int total;
    private int active;
    private int waiting;
    private boolean closed;

    /**
     * Opens {@code minConnections} connections at once, so the first borrowers do not pay for connecting.
     *
     * @throws SQLException when they cannot all be opened; those that were opened are closed again
     */
    public ConnectionPool(PoolConfig config, ConnectionFactory factory) throws SQLException {
        this.config = Objects.requireNonNull(config, "config");
        this.factory = Objects.requireNonNull(factory, "factory");
        List<PhysicalConnection> opened = new ArrayList<>();
        try {
            for (int i = 0; i < config.minConnections(); i++) {
                opened.add(open());
            }
        } catch (SQLException | RuntimeException e) {
            closeAll(opened);
            throw new SQLException("could not open the pool's " + config.minConnections()
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

    /**
     * Lends a connection: an idle one if there is one, a new one while the pool is below maxConnections, otherwise
     * the first one given back within connectionTimeout. Closing the returned handle gives the connection back.
     *
     * @throws SQLTransientConnectionException when no connection came free within connectionTimeout
     * @throws SQLException when the pool is closed, the wait is interrupted, or a new connection cannot be opened
     */
    @Override
    public Connection getConnection() throws SQLException {
        long deadline = System.nanoTime() + config.connectionTimeout().toNanos();
        while (true) {
            List<PhysicalConnection> retired = new ArrayList<>();
            PhysicalConnection candidate;
            lock.lock();
            try {
                candidate = takeIdleOrReserveSlot(deadline, retired);
            } finally {
                lock.unlock();
                closeAll(retired);
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

    /**
     * Called with the lock held. Returns an idle connection (counted as lent), or null after reserving a slot for a
     * new connection, or waits until one of the two is possible.
     */
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
                throw new SQLTransientConnectionException("timed out after "
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
                throw new SQLException("interrupted while waiting for a connection; the pool is unchanged", e);
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
            throw new SQLException("could not open a new connection for the pool: " + e.getMessage(), e);
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
        fresh.closeQuietly();
        throw poolClosed();
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
        closeAll(retired);
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
        broken.closeQuietly();
    }

    /**
     * Called with the lock held: moves idle connections past maxLifetime, and those idle past idleTimeout while the
     * pool is above minConnections, to {@code retired}, to be closed once the lock is released.
     */
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

    private PhysicalConnection open() throws SQLException {
        Connection connection = factory.connect();
        if (connection == null) {
            throw new SQLException("the ConnectionFactory returned null instead of a connection");
        }
        return new PhysicalConnection(connection, System.nanoTime());
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

    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the pool: idle connections now, lent ones when they are given back. Waiting and later borrowers get an
     * {@link SQLException}. Closing again does nothing.
     */
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
        closeAll(idleOnes);
    }

    private static SQLException poolClosed() {
        return new SQLException("the pool is closed: it lends no more connections. Create a new ConnectionPool.",
                "08003");
    }

    private static void closeAll(List<PhysicalConnection> connections) {
        connections.forEach(PhysicalConnection::closeQuietly);
    }

    @Override
    public String toString() {
        return "ConnectionPool[" + stats() + "]";
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

        void closeQuietly() {
            try {
                connection.close();
            } catch (SQLException | RuntimeException e) {
                // It is being thrown away; a failure to close it changes nothing for the pool.
            }
        }
    }

}
