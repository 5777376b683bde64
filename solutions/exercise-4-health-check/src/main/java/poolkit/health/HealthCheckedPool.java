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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A JDBC connection pool that keeps itself healthy: Exercise 1's pool (one lock, one condition) plus a background
 * health checker.
 *
 * <p>The checker is one daemon thread, {@code poolkit-health-<poolName>}, that every healthCheckInterval runs
 * {@link #runHealthCheck()} (validate the idle connections, evict the dead, the old and the surplus idle) and then
 * refills the pool to minConnections, backing off exponentially while connects fail. It never holds the lock while
 * talking to the database: a connection being validated is taken out of the idle set, so no borrower can get it
 * meanwhile, and is put back (or closed) afterwards. Borrowers validate a connection that sat idle longer than
 * validateOnBorrowAfter, so a connection that died since the last check is not lent.
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

    private final ScheduledExecutorService healthChecker;

    // Refill backoff: used by the health checker's single thread only, so it needs no lock.
    private long refillBackoffNanos;
    private long nextRefillAttemptAt;

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
        this.refillBackoffNanos = config.refillBackoffInitial().toNanos();
        this.healthChecker = startHealthChecker();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Task 3: the background health checker

    private ScheduledExecutorService startHealthChecker() {
        String threadName = "poolkit-health-" + config.poolName();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true); // a pool someone forgot to close must not keep the JVM alive
            return thread;
        });
        long interval = config.healthCheckInterval().toNanos();
        executor.scheduleWithFixedDelay(this::healthCheckTick, interval, interval, TimeUnit.NANOSECONDS);
        return executor;
    }

    /** One run of the background work. An exception escaping here would silently cancel every later run. */
    private void healthCheckTick() {
        try {
            runHealthCheck();
        } catch (RuntimeException e) {
            logBackgroundFailure("a health check failed", e);
        }
        try {
            refillToMin();
        } catch (RuntimeException e) {
            logBackgroundFailure("a refill failed", e);
        }
    }

    private void stopHealthChecker() {
        healthChecker.shutdownNow(); // interrupts a check or a refill in progress
        try {
            // Bounded: a driver may ignore the interrupt. Whatever the thread still opens or validates, it closes
            // when it sees the pool closed.
            healthChecker.awaitTermination(config.validationTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Task 4: validation on borrow

    /** False if the candidate (just taken from the idle set) must not be lent. */
    private boolean isReadyToLend(PhysicalConnection candidate) {
        long idleFor = System.nanoTime() - candidate.idleSince;
        if (idleFor < config.validateOnBorrowAfter().toNanos()) {
            return isOpen(candidate); // used a moment ago: a full validation would only add a round trip
        }
        return validate(candidate);
    }

    private boolean validate(PhysicalConnection connection) {
        validations.incrementAndGet();
        boolean alive = validator.isAlive(connection.connection);
        if (!alive) {
            failures.incrementAndGet();
        }
        return alive;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Task 5: the health check

    /**
     * Checks the idle connections once, now: closes those past maxLifetime and those idle past idleTimeout (while
     * the pool stays at or above minConnections), then validates each remaining one and closes the dead. Lent
     * connections are never touched. The health checker calls this every healthCheckInterval; call it yourself to
     * check at once (after a failover, say). Does nothing once the pool is closed.
     */
    public void runHealthCheck() {
        List<PhysicalConnection> retired = new ArrayList<>();
        List<PhysicalConnection> toValidate;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            retireIdle(System.nanoTime(), retired);
            toValidate = new ArrayList<>(idle);
        } finally {
            lock.unlock();
            closeAll(retired);
        }
        for (PhysicalConnection connection : toValidate) {
            if (takeIfStillIdle(connection)) {
                putBackAfterValidation(connection, validate(connection));
            }
        }
        checks.incrementAndGet();
    }

    /** Takes the connection out of the idle set, unless a borrower got it first or the pool closed. */
    private boolean takeIfStillIdle(PhysicalConnection connection) {
        lock.lock();
        try {
            return !closed && idle.remove(connection);
        } finally {
            lock.unlock();
        }
    }

    private void putBackAfterValidation(PhysicalConnection connection, boolean alive) {
        lock.lock();
        try {
            if (alive && !closed) {
                idle.addLast(connection); // idleSince unchanged: being validated is not being used
                available.signal();
                return;
            }
            total--;
            if (!alive) {
                evictions.incrementAndGet();
            }
            available.signalAll(); // a freed slot lets a waiter open a new connection
        } finally {
            lock.unlock();
        }
        connection.closeQuietly();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Task 6: refill to minConnections, with backoff

    /** Called by the health checker's thread after each check. */
    private void refillToMin() {
        if (System.nanoTime() - nextRefillAttemptAt < 0) {
            return; // backing off after a failed attempt
        }
        while (reserveSlotBelowMin()) {
            PhysicalConnection fresh;
            try {
                fresh = open();
            } catch (SQLException | RuntimeException e) {
                releaseReservedSlot();
                backOff(e);
                return;
            }
            refillBackoffNanos = config.refillBackoffInitial().toNanos(); // the database answers again
            addRefilled(fresh);
        }
    }

    private boolean reserveSlotBelowMin() {
        lock.lock();
        try {
            if (closed || total >= config.minConnections()) {
                return false;
            }
            total++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void backOff(Exception failure) {
        nextRefillAttemptAt = System.nanoTime() + refillBackoffNanos;
        logBackgroundFailure("could not refill the pool to minConnections (" + config.minConnections()
                + "); next attempt in " + TimeUnit.NANOSECONDS.toMillis(refillBackoffNanos) + " ms", failure);
        long max = config.refillBackoffMax().toNanos();
        refillBackoffNanos = refillBackoffNanos > max / 2 ? max : refillBackoffNanos * 2;
    }

    private void addRefilled(PhysicalConnection fresh) {
        lock.lock();
        try {
            if (!closed) {
                fresh.idleSince = System.nanoTime();
                idle.addFirst(fresh);
                refills.incrementAndGet();
                available.signal();
                return;
            }
            total--;
        } finally {
            lock.unlock();
        }
        fresh.closeQuietly(); // the pool closed while this connection was being opened
    }

    // ---------------------------------------------------------------------------------------------------------
    // The pool of Exercise 1, adapted: borrowers validate on borrow, removals are counted as evictions.

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
