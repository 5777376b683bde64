package poolkit.adaptive;

import poolkit.basic.AbstractPoolDataSource;
import poolkit.basic.ConnectionFactory;
import poolkit.basic.DelegatingConnection;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * GIVEN: exercise 1's pool (one lock, one condition), made resizable and measurable for the adaptive controller
 * you write. What changed from exercise 1's solution:
 *
 * <ul>
 *   <li><b>A limit that can move.</b> {@link #setLimit(int)} sets how many connections the pool may have open; it
 *       starts at {@code maxConnections}. Raising it lets waiting borrowers open new connections at once. Lowering it
 *       closes idle connections above the limit at once, and lent ones above it when they are given back.</li>
 *   <li><b>Wait times.</b> Every borrow that got a connection or timed out tells the {@link WaitListener}s how long
 *       it waited, measured with the pool's {@link Ticker}.</li>
 *   <li><b>Peak use.</b> {@link #takePeakInUse()} says how many connections were lent at once at most since the
 *       previous call: the controller's measure of how much of the limit was needed.</li>
 * </ul>
 *
 * <p>Deadlines ({@code connectionTimeout}) run on the real clock whatever the ticker: a borrower never waits for a
 * test to move a hand-driven ticker.
 */
public final class ResizablePool extends AbstractPoolDataSource implements AutoCloseable {

    private final PoolConfig config;
    private final ConnectionFactory factory;
    private final Ticker ticker;
    private final List<WaitListener> waitListeners = new CopyOnWriteArrayList<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();

    // Guarded by lock.
    private final Deque<PhysicalConnection> idle = new ArrayDeque<>();
    private int limit;
    private int total;
    private int active;
    private int peakInUse;
    private int waiting;
    private boolean closed;

    /** A pool on the real clock. */
    public ResizablePool(PoolConfig config, ConnectionFactory factory) throws SQLException {
        this(config, factory, Ticker.system());
    }

    /**
     * Opens {@code minConnections} connections at once; the limit starts at {@code maxConnections}.
     *
     * @param ticker measures borrowers' waits (tests pass one they move by hand)
     * @throws SQLException when the initial connections cannot all be opened; those that were are closed again
     */
    public ResizablePool(PoolConfig config, ConnectionFactory factory, Ticker ticker) throws SQLException {
        this.config = Objects.requireNonNull(config, "config");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.limit = config.maxConnections();
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

    /** The clock this pool measures waits with; the controller reads the time from it too. */
    public Ticker ticker() {
        return ticker;
    }

    /** From now on, {@code listener} hears how long every borrower waited. */
    public void addWaitListener(WaitListener listener) {
        waitListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeWaitListener(WaitListener listener) {
        waitListeners.remove(listener);
    }

    /** How many connections the pool may have open now. */
    public int limit() {
        lock.lock();
        try {
            return limit;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves the limit. Raising it wakes waiting borrowers, who may now open connections. Lowering it closes idle
     * connections above the new limit now, and lent ones above it when they come back; nobody's connection is taken
     * away while in use.
     *
     * @throws IllegalArgumentException when {@code newLimit} is below 1: a pool that may open nothing lends nothing
     */
    public void setLimit(int newLimit) {
        if (newLimit < 1) {
            throw new IllegalArgumentException("the pool's limit must be at least 1, but was " + newLimit);
        }
        List<PhysicalConnection> surplus = new ArrayList<>();
        lock.lock();
        try {
            limit = newLimit;
            Iterator<PhysicalConnection> leastRecentFirst = idle.descendingIterator();
            while (total > limit && leastRecentFirst.hasNext()) {
                surplus.add(leastRecentFirst.next());
                leastRecentFirst.remove();
                total--;
            }
            available.signalAll();
        } finally {
            lock.unlock();
        }
        closeAll(surplus);
    }

    /**
     * The most connections lent at the same time since the previous call (or since the pool opened), and never less
     * than the number lent now. Each call starts a new period, so one caller (the controller) should own it.
     */
    public int takePeakInUse() {
        lock.lock();
        try {
            int peak = peakInUse;
            peakInUse = active;
            return peak;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Lends a connection: an idle one if there is one, a new one while the pool is below its limit, otherwise the
     * first one given back within connectionTimeout. The wait is reported to the {@link WaitListener}s.
     *
     * @throws SQLTransientConnectionException when no connection came free within connectionTimeout
     * @throws SQLException when the pool is closed, the wait is interrupted, or a new connection cannot be opened
     */
    @Override
    public Connection getConnection() throws SQLException {
        long startedAt = ticker.nanoTime();
        Connection handle;
        try {
            handle = borrow();
        } catch (SQLTransientConnectionException timedOut) {
            reportWait(startedAt);
            throw timedOut;
        }
        try {
            reportWait(startedAt);
        } catch (RuntimeException listenerFailed) {
            handle.close(); // the borrower never sees this connection, so it must go back now
            throw listenerFailed;
        }
        return handle;
    }

    private void reportWait(long startedAt) {
        long waited = Math.max(0, ticker.nanoTime() - startedAt);
        for (WaitListener listener : waitListeners) {
            listener.waited(waited);
        }
    }

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
                closeAll(retired);
            }
            if (candidate == null) {
                return lend(openInReservedSlot());
            }
            if (isOpen(candidate)) {
                return new Handle(this, candidate);
            }
            discardLent(candidate);
        }
    }

    /** With the lock held: an idle connection (counted as lent), or null after reserving a slot, or wait. */
    private PhysicalConnection takeIdleOrReserveSlot(long deadline, List<PhysicalConnection> retired)
            throws SQLException {
        while (true) {
            if (closed) {
                throw poolClosed();
            }
            retireIdle(System.nanoTime(), retired);
            PhysicalConnection connection = idle.pollFirst();
            if (connection != null) {
                countLent();
                return connection;
            }
            if (total < limit) {
                total++;
                return null;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new SQLTransientConnectionException("timed out after "
                        + config.connectionTimeout().toMillis() + " ms waiting for a connection (" + statsLocked()
                        + ", limit=" + limit + "): every connection the limit allows is in use.");
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

    private void countLent() {
        active++;
        peakInUse = Math.max(peakInUse, active);
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
                countLent();
                return new Handle(this, fresh);
            }
            total--;
        } finally {
            lock.unlock();
        }
        fresh.closeQuietly();
        throw poolClosed();
    }

    /** Takes back a connection a borrower is done with: called once per handle. */
    private void giveBack(PhysicalConnection connection) {
        boolean reusable = resetForNextBorrower(connection.connection);
        List<PhysicalConnection> retired = new ArrayList<>();
        lock.lock();
        try {
            active--;
            long now = System.nanoTime();
            if (closed || !reusable || total > limit || isPastLifetime(connection, now)) {
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

    /** With the lock held: moves idle connections past their lifetime or idle timeout to {@code retired}. */
    private void retireIdle(long now, List<PhysicalConnection> retired) {
        long idleTimeout = config.idleTimeout().toNanos();
        int keep = Math.min(config.minConnections(), limit);
        Iterator<PhysicalConnection> leastRecentFirst = idle.descendingIterator();
        while (leastRecentFirst.hasNext()) {
            PhysicalConnection connection = leastRecentFirst.next();
            boolean idleTooLong = now - connection.idleSince >= idleTimeout && total > keep;
            if (idleTooLong || isPastLifetime(connection, now)) {
                leastRecentFirst.remove();
                total--;
                retired.add(connection);
            }
        }
        if (!retired.isEmpty()) {
            available.signalAll();
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

    /** Closes idle connections now and lent ones when given back; waiting and later borrowers get an SQLException. */
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
        return new SQLException("the pool is closed: it lends no more connections. Create a new ResizablePool.",
                "08003");
    }

    private static void closeAll(List<PhysicalConnection> connections) {
        connections.forEach(PhysicalConnection::closeQuietly);
    }

    @Override
    public String toString() {
        return "ResizablePool[" + stats() + ", limit=" + limit() + "]";
    }

    /** A physical connection and the times the pool needs to retire it. */
    private static final class PhysicalConnection {
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

    /** What a borrower holds: closing it gives the connection back exactly once; afterwards it refuses work. */
    private static final class Handle extends DelegatingConnection {
        private final ResizablePool pool;
        private final PhysicalConnection physical;
        private final AtomicBoolean closed = new AtomicBoolean();

        Handle(ResizablePool pool, PhysicalConnection physical) {
            this.pool = pool;
            this.physical = physical;
        }

        @Override
        protected Connection delegate() throws SQLException {
            if (closed.get()) {
                throw new SQLException("this connection handle is closed: close() gave its connection back to the "
                        + "pool. Borrow another one with getConnection().", "08003");
            }
            return physical.connection;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                pool.giveBack(physical);
            }
        }

        @Override
        public boolean isClosed() {
            return closed.get();
        }
    }
}
