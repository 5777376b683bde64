package poolkit.health;

import poolkit.basic.AbstractPoolDataSource;
import poolkit.basic.ConnectionFactory;
import poolkit.basic.PoolStats;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * YOUR POOL, GROWN UP. Exercise 1's pool (one lock and one condition) is here, working: lending, giving back,
 * retiring on borrow and return, closing. What it lacks is a life of its own: nobody notices a connection that died
 * while it sat idle until a borrower is handed it, and nobody restores minConnections after connections are lost.
 *
 * <p>Your tasks, in order (README.md explains each): a background health checker thread that starts with the pool
 * and stops with it (Task 3), validation on borrow (Task 4), the health check itself (Task 5), and the refill to
 * minConnections with backoff (Task 6). Replace each {@code throw NotImplemented.task(...)} with your code. Add the
 * fields and helpers you need; keep the public methods as they are: the tests use only them.
 *
 * <p>The rule that makes it all safe: never talk to the database (connect, validate, close) while holding
 * {@link #lock}. Take a connection out of {@link #idle} under the lock, work on it without the lock, and put it
 * back (or count it out of {@code total}) under the lock again.
 */
public final class HealthCheckedPool extends AbstractPoolDataSource implements AutoCloseable {

    private final HealthConfig config;
    private final ConnectionFactory factory;
    private final ConnectionValidator validator;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();

    // Guarded by lock. total counts every connection the pool owns: idle, lent, being opened or being validated.
    private final Deque<PhysicalConnection> idle = new ArrayDeque<>();
    private int total;
    private int active;
    private int waiting;
    private boolean closed;

    // What the health work did, for events().
    private final AtomicLong checks = new AtomicLong();
    private final AtomicLong validations = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();
    private final AtomicLong refills = new AtomicLong();

    private final ScheduledExecutorService healthChecker; // Task 3

    /**
     * Opens {@code minConnections} connections, then starts the background health checker.
     *
     * @throws SQLException when the initial connections cannot all be opened; nothing is left open or running
     */
    public HealthCheckedPool(HealthConfig config, ConnectionFactory factory) throws SQLException {
        this.config = Objects.requireNonNull(config, "config");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.validator = ConnectionValidator.of(config);
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
        this.healthChecker = startHealthChecker();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Task 3: the background health checker

    /**
     * TASK 3: start the background health checker and return it; the constructor calls this last, once the
     * initial connections are open. Every healthCheckInterval it runs {@link #runHealthCheck()} (Task 5) and then
     * {@link #refillToMin()} (Task 6).
     * <ul>
     *   <li>its threads are daemons named {@code "poolkit-health-" + config.poolName()} (a suffix such as
     *       {@code -1} is fine), so whoever reads a thread dump knows whose they are;</li>
     *   <li>nothing may escape a run: an exception thrown out of a task given to
     *       {@link ScheduledExecutorService#scheduleWithFixedDelay} cancels every later run, silently. Catch it
     *       and report it with {@link #logBackgroundFailure}.</li>
     * </ul>
     */
    private ScheduledExecutorService startHealthChecker() {
        throw NotImplemented.task(3, "start the background health checker in HealthCheckedPool.startHealthChecker()");
    }

    /**
     * TASK 3: stop the health checker, for {@link #close()}: no new run may start, and a run in progress should be
     * interrupted. Wait for it to end, but not forever: a driver may ignore the interrupt. (Whatever a late run
     * still opens or validates, it must close once it sees the pool closed: Tasks 5 and 6.)
     */
    private void stopHealthChecker() {
        throw NotImplemented.task(3, "stop the health checker in HealthCheckedPool.stopHealthChecker()");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Task 4: validation on borrow

    /**
     * TASK 4: may this connection, just taken from the idle set for a borrower, be lent? If it has been idle for
     * validateOnBorrowAfter or longer, validate it with {@link #validator}; else a cheap check is enough (it must
     * not be closed). Count each validation, and each one that found the connection dead, for {@link #events()}.
     * Returning false is enough: {@link #getConnection()} evicts the connection and tries the next one.
     */
    private boolean isReadyToLend(PhysicalConnection candidate) {
        throw NotImplemented.task(4, "validate idle connections on borrow in HealthCheckedPool.isReadyToLend()");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Task 5: the health check

    /**
     * TASK 5: check the idle connections once, now. The health checker calls this every healthCheckInterval;
     * anyone may call it to check at once (after a database failover, say). Does nothing once the pool is closed.
     * <ol>
     *   <li>close the idle connections past maxLifetime, and those idle past idleTimeout while the pool stays at
     *       or above minConnections ({@link #retireIdle} does exactly that, under the lock);</li>
     *   <li>validate every other idle connection, one at a time, never holding the lock while validating: take it
     *       out of the idle set (unless a borrower took it first), validate it, then put it back, or close it and
     *       count it out of {@code total} if it is dead;</li>
     *   <li>never touch a lent connection;</li>
     *   <li>count validations, failures and evictions, and the completed check, for {@link #events()}.</li>
     * </ol>
     * If the pool closes during the check, a connection being validated is closed, not put back.
     */
    public void runHealthCheck() {
        throw NotImplemented.task(5, "check the idle connections in HealthCheckedPool.runHealthCheck()");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Task 6: refill to minConnections, with backoff

    /**
     * TASK 6: called by the health checker after each check: while the pool owns fewer than minConnections (count
     * {@code total}, lent ones included), open connections and add them to the idle set, counting each as a
     * refill.
     * <ul>
     *   <li>reserve the slot under the lock ({@code total++}) and connect without it, as getConnection does;</li>
     *   <li>when a connect fails (SQLException or RuntimeException): give the slot back, stop this round, and do
     *       not try again before refillBackoffInitial has passed; each further failure doubles the pause, up to
     *       refillBackoffMax; a success resets it. Never throw: this runs on the checker's thread;</li>
     *   <li>if the pool closed while connecting, close the new connection instead of adding it.</li>
     * </ul>
     */
    private void refillToMin() {
        throw NotImplemented.task(6, "refill the pool to minConnections in HealthCheckedPool.refillToMin()");
    }

    // ---------------------------------------------------------------------------------------------------------
    // GIVEN: the pool of Exercise 1, adapted: borrowers call isReadyToLend (Task 4), removals count as evictions.

    /**
     * Lends a connection: an idle one that passes {@link #isReadyToLend}, a new one while the pool is below
     * maxConnections, otherwise the first one given back within connectionTimeout.
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
            if (isReadyToLend(candidate)) {
                return new PooledConnection(this, candidate);
            }
            evictLent(candidate);
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
            releaseReservedSlot();
            throw new SQLException("could not open a new connection for the pool: " + e.getMessage(), e);
        }
    }

    /** Gives back a slot reserved for a connection that could not be opened, and wakes a waiter. */
    private void releaseReservedSlot() {
        lock.lock();
        try {
            total--;
            available.signal();
        } finally {
            lock.unlock();
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
            if (closed) {
                total--;
                retired.add(connection);
            } else if (!reusable || isPastLifetime(connection, now)) {
                total--;
                evictions.incrementAndGet();
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

    /** A connection taken for a borrower turned out unusable: it leaves the pool. */
    private void evictLent(PhysicalConnection broken) {
        lock.lock();
        try {
            active--;
            total--;
            evictions.incrementAndGet();
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
                evictions.incrementAndGet();
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

    /** Background failures go to the DataSource's log writer, when one is set; they are never thrown. */
    private void logBackgroundFailure(String what, Throwable failure) {
        PrintWriter log = getLogWriter();
        if (log != null) {
            log.println("poolkit-health-" + config.poolName() + ": " + what + ": " + failure);
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

    /** What the health work has done so far. */
    public HealthEvents events() {
        return new HealthEvents(checks.get(), validations.get(), failures.get(), evictions.get(), refills.get());
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
     * Closes the pool: stops the health checker, closes idle connections now and lent ones when they are given
     * back. Waiting and later borrowers get an {@link SQLException}. Closing again does nothing.
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
        stopHealthChecker();
        closeAll(idleOnes);
    }

    private static SQLException poolClosed() {
        return new SQLException("the pool is closed: it lends no more connections. Create a new HealthCheckedPool.",
                "08003");
    }

    private static void closeAll(List<PhysicalConnection> connections) {
        connections.forEach(PhysicalConnection::closeQuietly);
    }

    @Override
    public String toString() {
        return "HealthCheckedPool[" + config.poolName() + ": " + stats() + "; " + events() + "]";
    }
}
