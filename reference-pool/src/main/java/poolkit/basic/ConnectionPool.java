package poolkit.basic;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The kit's reference pool: exercise 1's answer, and the core that exercises 2 and 4 and the homework build on.
 *
 * <p>All bookkeeping (the idle connections, how many slots are taken, who waits, the limit) is guarded by
 * {@link #lock}, and every change that may let a waiter proceed signals {@link #available}. Slow work never happens
 * under the lock: connecting, validating, resetting and closing a physical connection all run after it is released.
 * To open a connection without the lock, a borrower first reserves a slot ({@code total++}) and gives it back if the
 * connect fails.
 *
 * <p>Borrowing and giving back cost the same however many connections the pool holds: each looks at the connection
 * being lent or given back, and at most at the one that has been idle longest. A full sweep of the idle connections
 * is {@link #checkIdle}'s, for a housekeeper on a timer (exercise 4's health checker).
 *
 * <p>Idle connections are kept most-recently-used first, so a quiet pool lends the same few connections and the
 * others age out through the idle timeout.
 *
 * <p>Extension points, for the modules built on it: {@link PoolHooks} (events, and a validation step before
 * lending), {@link #setMaxConnections} (a limit that changes at run time), {@link #checkIdle} (a housekeeper's check
 * of the idle connections) and {@link #addConnection} (refilling).
 */
public final class ConnectionPool extends AbstractPoolDataSource implements AutoCloseable {

    private final PoolConfig config;
    private final ConnectionFactory factory;
    private final PoolHooks hooks;
    private final boolean hooked; // false for PoolHooks.NONE: the hot paths then skip the hooks' clock reads
    // The config's durations in the unit of System.nanoTime(), converted once instead of on every borrow.
    private final long connectionTimeoutNanos;
    private final long maxLifetimeNanos;
    private final long idleTimeoutNanos;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();

    // Guarded by lock.
    private final Deque<PhysicalConnection> idle = new ArrayDeque<>();
    private int total;
    private int active;
    private int waiting;
    private int maxConnections;
    private boolean closed;

    /** A pool without hooks. See {@link #ConnectionPool(PoolConfig, ConnectionFactory, PoolHooks)}. */
    public ConnectionPool(PoolConfig config, ConnectionFactory factory) throws SQLException {
        this(PoolHooks.NONE, config, factory);
    }

    /**
     * Opens {@code minConnections} connections at once, so the first borrowers do not pay for connecting.
     *
     * @param hooks told of every event, and asked before an idle connection is lent
     * @throws SQLException when they cannot all be opened; those that were opened are closed again
     */
    public ConnectionPool(PoolConfig config, ConnectionFactory factory, PoolHooks hooks) throws SQLException {
        this(hooks, config, factory);
    }

    /**
     * Both public constructors open the pool here, each without calling the other: exercise 1 has a student write the
     * two-argument one in Task 2 and the one with hooks in Task 7, and the kit's staged solutions (tools/check-stages)
     * check that tasks 2 to 6 pass before Task 7 is written.
     */
    private ConnectionPool(PoolHooks hooks, PoolConfig config, ConnectionFactory factory) throws SQLException {
        this.config = Objects.requireNonNull(config, "config");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.hooked = hooks != PoolHooks.NONE;
        this.connectionTimeoutNanos = config.connectionTimeout().toNanos();
        this.maxLifetimeNanos = config.maxLifetime().toNanos();
        this.idleTimeoutNanos = config.idleTimeout().toNanos();
        this.maxConnections = config.maxConnections();
        List<PhysicalConnection> opened = new ArrayList<>();
        try {
            for (int i = 0; i < config.minConnections(); i++) {
                opened.add(open());
            }
        } catch (SQLException | RuntimeException e) {
            discardAll(opened);
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
     * Lends a connection: an idle one if there is one, a new one while the pool is below its limit, otherwise the
     * first one given back within connectionTimeout. Closing the returned handle gives the connection back.
     *
     * @throws SQLTransientConnectionException when no connection came free within connectionTimeout
     * @throws SQLException when the pool is closed, the wait is interrupted, or a new connection cannot be opened
     */
    @Override
    public Connection getConnection() throws SQLException {
        long start = System.nanoTime();
        try {
            Connection connection = borrow(start, start + connectionTimeoutNanos);
            if (hooked) {
                long waited = System.nanoTime() - start;
                try {
                    tell(hooks -> hooks.acquired(waited));
                } catch (UnsupportedOperationException notYetWritten) {
                    connection.close(); // a skeleton's hook: give the connection back, then let the message through
                    throw notYetWritten;
                }
            }
            return connection;
        } catch (SQLTransientConnectionException timeout) {
            long waited = System.nanoTime() - start;
            tell(hooks -> hooks.timedOut(waited));
            throw timeout;
        }
    }

    /**
     * {@code now} is the caller's clock reading, taken just before: one clock read serves the deadline and the first
     * due checks (clock reads are not free: see the README's figures). After a wait or a rejected connection, the
     * clock is read again.
     */
    private Connection borrow(long now, long deadline) throws SQLException {
        while (true) {
            List<PhysicalConnection> retired = new ArrayList<>(); // no array allocated unless one is retired
            PhysicalConnection candidate;
            lock.lock();
            try {
                candidate = takeIdleOrReserveSlot(now, deadline, retired);
            } finally {
                lock.unlock();
                discardAll(retired);
            }
            if (candidate == null) {
                return lend(openInReservedSlot());
            }
            if (canLend(candidate)) {
                return new PooledConnection(this, candidate);
            }
            discardLent(candidate);
            now = System.nanoTime();
        }
    }

    /**
     * Called with the lock held. Returns an idle connection (counted as lent, {@code lentAt} set), or null after
     * reserving a slot for a new connection, or waits until one of the two is possible.
     */
    private PhysicalConnection takeIdleOrReserveSlot(long now, long deadline, List<PhysicalConnection> retired)
            throws SQLException {
        while (true) {
            if (closed) {
                throw poolClosed();
            }
            retireOldestIfDue(now, retired);
            PhysicalConnection connection = idle.pollFirst();
            if (connection != null) {
                if (isDue(connection, now)) {
                    total--;
                    retired.add(connection);
                    continue;
                }
                active++;
                connection.lentAt = now;
                return connection;
            }
            if (total < maxConnections) {
                total++;
                return null;
            }
            long remaining = deadline - now;
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
            now = System.nanoTime();
        }
    }

    private PhysicalConnection openInReservedSlot() throws SQLException {
        try {
            return open();
        } catch (SQLException | RuntimeException e) {
            lock.lock();
            try {
                total--;
                available.signal(); // the slot is free again: a waiter may use it
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
                fresh.lentAt = fresh.createdAt;
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
     * Takes back a connection a borrower is done with: called once per handle, by {@link PooledConnection#close()},
     * with what the borrower changed (the handle's bits).
     */
    void giveBack(PhysicalConnection connection, int changed) {
        boolean reusable = resetForNextBorrower(connection, changed);
        List<PhysicalConnection> retired = new ArrayList<>(); // no array allocated unless one is retired
        long now = System.nanoTime(); // the one clock read of a return: idle since, due checks, time held
        long heldNanos = now - connection.lentAt;
        lock.lock();
        try {
            active--;
            if (closed || !reusable || isPastLifetime(connection, now) || total > maxConnections) {
                total--;
                retired.add(connection);
            } else {
                connection.idleSince = now;
                idle.addFirst(connection);
            }
            retireOldestIfDue(now, retired);
            available.signal();
        } finally {
            lock.unlock();
        }
        discardAll(retired);
        if (hooked) {
            tell(hooks -> hooks.released(heldNanos));
        }
    }

    private void discardLent(PhysicalConnection rejected) {
        lock.lock();
        try {
            active--;
            total--;
            available.signal(); // the slot is free again: a waiter may use it
        } finally {
            lock.unlock();
        }
        discard(rejected);
    }

    /**
     * Called with the lock held: retires the connection idle the longest if it is due (the only one that can be due
     * for idleness before the others), so a busy pool still ages out its surplus without sweeping on every call.
     */
    private void retireOldestIfDue(long now, List<PhysicalConnection> retired) {
        PhysicalConnection oldest = idle.peekLast();
        if (oldest != null && isDue(oldest, now)) {
            idle.pollLast();
            total--;
            retired.add(oldest);
            available.signal(); // a freed slot lets a waiter open a new connection
        }
    }

    /** With the lock held: past maxLifetime, or idle past idleTimeout while the pool is above minConnections. */
    private boolean isDue(PhysicalConnection connection, long now) {
        boolean idleTooLong = now - connection.idleSince >= idleTimeoutNanos && total > config.minConnections();
        return idleTooLong || isPastLifetime(connection, now);
    }

    private boolean isPastLifetime(PhysicalConnection connection, long now) {
        return now - connection.createdAt >= maxLifetimeNanos;
    }

    /** Outside the lock: open, and accepted by the hooks' validation step (idle from its return to its lending). */
    private boolean canLend(PhysicalConnection candidate) {
        try {
            return !candidate.connection.isClosed()
                    && (!hooked || hooks.canLend(candidate.connection, candidate.lentAt - candidate.idleSince));
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Puts the connection back in the state it was opened in, so the next borrower starts clean: an open
     * transaction rolled back, then each setting the borrower changed (and only those) set back, warnings cleared.
     * Statements the borrower left open were closed by the handle. False if the connection is unusable.
     */
    private static boolean resetForNextBorrower(PhysicalConnection physical, int changed) {
        Connection connection = physical.connection;
        try {
            if (connection.isClosed() || (changed & physical.unknownInitial) != 0) {
                return false; // broken, or changed in a way we cannot undo
            }
            if (!connection.getAutoCommit()) {
                connection.rollback(); // before auto-commit goes back on, which would commit it
            }
            if ((changed & PooledConnection.AUTO_COMMIT) != 0) {
                connection.setAutoCommit(physical.autoCommit);
            }
            if ((changed & PooledConnection.READ_ONLY) != 0) {
                connection.setReadOnly(physical.readOnly);
            }
            if ((changed & PooledConnection.ISOLATION) != 0) {
                connection.setTransactionIsolation(physical.isolation);
            }
            if ((changed & PooledConnection.CATALOG) != 0) {
                connection.setCatalog(physical.catalog);
            }
            if ((changed & PooledConnection.SCHEMA) != 0) {
                connection.setSchema(physical.schema);
            }
            if ((changed & PooledConnection.NETWORK_TIMEOUT) != 0) {
                connection.setNetworkTimeout(Runnable::run, physical.networkTimeout);
            }
            connection.clearWarnings();
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Opens one physical connection: the only place the pool connects. */
    private PhysicalConnection open() throws SQLException {
        long start = System.nanoTime();
        Connection connection;
        try {
            connection = factory.connect();
            if (connection == null) {
                throw new SQLException("the ConnectionFactory returned null instead of a connection");
            }
        } catch (SQLException | RuntimeException e) {
            tell(hooks -> hooks.connectFailed(e));
            throw e;
        }
        long now = System.nanoTime();
        try {
            tell(hooks -> hooks.connectionOpened(now - start));
        } catch (UnsupportedOperationException notYetWritten) {
            closeQuietly(connection);
            throw notYetWritten;
        }
        return new PhysicalConnection(connection, now);
    }

    /** Closes one physical connection the pool lets go of: the only place the pool closes one. */
    private void discard(PhysicalConnection connection) {
        closeQuietly(connection.connection);
        tell(PoolHooks::connectionClosed);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // It is being thrown away; a failure to close it changes nothing for the pool.
        }
    }

    /**
     * Tells the hooks of an event. A hook that throws must not break the pool (leak the connection it was told about,
     * or stop a close half-way), so its exception is dropped here; all but an {@link UnsupportedOperationException},
     * which is how the kit's skeletons say a task is not written yet: that message must reach the student's test.
     */
    private void tell(Consumer<PoolHooks> event) {
        try {
            event.accept(hooks);
        } catch (UnsupportedOperationException notYetWritten) {
            throw notYetWritten;
        } catch (RuntimeException e) {
            // The hooks' own failure; the pool goes on.
        }
    }

    private void discardAll(List<PhysicalConnection> connections) {
        connections.forEach(this::discard);
    }

    // ---- Extension points for the modules built on this pool ----

    /** How many connections the pool may have open now: maxConnections, unless {@link #setMaxConnections} changed it. */
    public int maxConnections() {
        lock.lock();
        try {
            return maxConnections;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Changes how many connections the pool may have open, from now on. A higher limit lets waiting borrowers open
     * connections at once; a lower one closes idle connections above it now, and lent ones as they come back.
     *
     * @throws IllegalArgumentException when the limit is below 1 or below minConnections
     */
    public void setMaxConnections(int limit) {
        if (limit < 1 || limit < config.minConnections()) {
            throw new IllegalArgumentException("the limit must be at least 1 and at least minConnections ("
                    + config.minConnections() + "), but was " + limit);
        }
        List<PhysicalConnection> surplus = new ArrayList<>();
        lock.lock();
        try {
            maxConnections = limit;
            while (total > maxConnections && !idle.isEmpty()) {
                surplus.add(idle.pollLast());
                total--;
            }
            available.signalAll();
        } finally {
            lock.unlock();
        }
        discardAll(surplus);
    }

    /**
     * Checks every idle connection once, for a housekeeper: those past maxLifetime, or idle past idleTimeout while
     * the pool is above minConnections, are closed; each other one is taken out of the idle set (so no borrower gets
     * it meanwhile), tested with {@code keep} outside the pool's lock, and put back if it passes or closed if not.
     *
     * @param keep the test, e.g. a validation query; an exception counts as a failure
     * @return how many idle connections were closed
     */
    public int checkIdle(Predicate<Connection> keep) {
        List<PhysicalConnection> snapshot;
        lock.lock();
        try {
            snapshot = new ArrayList<>(idle);
        } finally {
            lock.unlock();
        }
        int closedCount = 0;
        for (PhysicalConnection connection : snapshot) {
            boolean due;
            lock.lock();
            try {
                if (closed || !idle.remove(connection)) {
                    continue; // lent or closed since the snapshot
                }
                due = isDue(connection, System.nanoTime());
            } finally {
                lock.unlock();
            }
            boolean passed = !due && test(keep, connection.connection);
            lock.lock();
            try {
                if (passed && !closed) {
                    idle.addLast(connection);
                    available.signal();
                    continue;
                }
                total--;
                available.signal(); // a freed slot lets a waiter open a new connection
            } finally {
                lock.unlock();
            }
            discard(connection);
            closedCount++;
        }
        return closedCount;
    }

    private static boolean test(Predicate<Connection> keep, Connection connection) {
        try {
            return keep.test(connection);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Opens one more connection and adds it to the idle ones, if the pool is open and below its limit: for refilling
     * a pool to minConnections.
     *
     * @return false when the pool is closed or at its limit, and nothing was opened
     * @throws SQLException when the connect fails; the pool is unchanged
     */
    public boolean addConnection() throws SQLException {
        lock.lock();
        try {
            if (closed || total >= maxConnections) {
                return false;
            }
            total++;
        } finally {
            lock.unlock();
        }
        PhysicalConnection fresh = openInReservedSlot();
        lock.lock();
        try {
            if (!closed) {
                idle.addFirst(fresh);
                available.signal();
                return true;
            }
            total--;
        } finally {
            lock.unlock();
        }
        discard(fresh);
        return false;
    }

    // ---- State and closing ----

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
        discardAll(idleOnes);
    }

    private static SQLException poolClosed() {
        return new SQLException("the pool is closed: it lends no more connections. Create a new ConnectionPool.",
                "08003");
    }

    @Override
    public String toString() {
        return "ConnectionPool[" + stats() + "]";
    }

    /**
     * A physical connection, the times the pool needs to retire it, and the settings it had when it was opened
     * (each read the first time a borrower changes it, so a connection no one reconfigures costs nothing).
     */
    static final class PhysicalConnection {
        final Connection connection;
        final long createdAt;
        long idleSince; // guarded by the pool's lock
        long lentAt; // set under the pool's lock when lent, read on return: for the time it was held

        // Read and written only by the one borrower holding the connection; the pool's lock orders borrowers.
        private int known;
        int unknownInitial;
        boolean autoCommit;
        boolean readOnly;
        int isolation;
        String catalog;
        String schema;
        int networkTimeout;

        PhysicalConnection(Connection connection, long createdAt) {
            this.connection = connection;
            this.createdAt = createdAt;
            this.idleSince = createdAt;
        }

        /** Before a borrower first changes a setting: remembers the value it had when the connection was opened. */
        void rememberInitial(int setting) {
            if ((known & setting) != 0) {
                return;
            }
            known |= setting;
            try {
                switch (setting) {
                    case PooledConnection.AUTO_COMMIT -> autoCommit = connection.getAutoCommit();
                    case PooledConnection.READ_ONLY -> readOnly = connection.isReadOnly();
                    case PooledConnection.ISOLATION -> isolation = connection.getTransactionIsolation();
                    case PooledConnection.CATALOG -> catalog = connection.getCatalog();
                    case PooledConnection.SCHEMA -> schema = connection.getSchema();
                    case PooledConnection.NETWORK_TIMEOUT -> networkTimeout = connection.getNetworkTimeout();
                    default -> throw new IllegalArgumentException("no such setting: " + setting);
                }
            } catch (SQLException | RuntimeException e) {
                unknownInitial |= setting; // it cannot be set back: the connection is closed on return
            }
        }
    }
}
