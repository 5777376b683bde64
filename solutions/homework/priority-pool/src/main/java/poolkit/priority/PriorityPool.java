package poolkit.priority;

import poolkit.basic.AbstractPoolDataSource;
import poolkit.basic.ConnectionFactory;

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

/**
 * A connection pool that serves CRITICAL borrowers before REGULAR ones, built on one lock and two queues of waiters.
 *
 * <p>Every borrower joins the queue of its priority; {@link #serveWaiters()} then decides, under the lock, who gets
 * what is free, in one place for all cases: a borrower arriving, a connection given back, a slot freed. What it hands
 * to a waiter is a <em>grant</em>: an idle connection, or a slot in which the waiter opens a new one (after the lock
 * is released). The grant is the waiter's as soon as it is made, so nobody can barge in between the hand-off and the
 * waiter waking up, and each waiter sleeps on a condition of its own, so a hand-off wakes exactly the one it is for.
 * A grant counts as {@code active} from the moment it is made, so {@code total = active + idle} always holds.
 *
 * <p>The discipline: the longest-waiting CRITICAL waiter first, then REGULAR waiters in FIFO order; a REGULAR waiter
 * takes a connection only while more than {@code criticalReserve} are free; and a REGULAR waiter that has been passed
 * over {@code maxPassOvers} times is served before any CRITICAL one.
 */
public final class PriorityPool extends AbstractPoolDataSource implements AutoCloseable {

    private final PriorityPoolConfig config;
    private final ConnectionFactory factory;

    private final ReentrantLock lock = new ReentrantLock();

    // Guarded by lock.
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final Deque<Waiter> criticalWaiters = new ArrayDeque<>();
    private final Deque<Waiter> regularWaiters = new ArrayDeque<>();
    private int total;
    private int active;
    private boolean closed;
    /**
     * How many times, since the pool started, a connection a REGULAR waiter could have taken went to a CRITICAL one
     * instead. A regular waiter has been passed over (this count now) - (this count when it arrived) times: every
     * regular waiter is passed over together, so one counter serves them all.
     */
    private long regularPassOvers;

    /**
     * Opens {@code minConnections} connections at once.
     *
     * @throws SQLException when they cannot all be opened; those that were opened are closed again
     */
    public PriorityPool(PriorityPoolConfig config, ConnectionFactory factory) throws SQLException {
        this.config = Objects.requireNonNull(config, "config");
        this.factory = Objects.requireNonNull(factory, "factory");
        List<Connection> opened = new ArrayList<>();
        try {
            for (int i = 0; i < config.minConnections(); i++) {
                opened.add(open());
            }
        } catch (SQLException | RuntimeException e) {
            opened.forEach(PriorityPool::closeQuietly);
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

    /** Borrows as a REGULAR borrower, so that any JDBC code can use the pool as a plain {@code DataSource}. */
    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(Priority.REGULAR);
    }

    /**
     * Lends a connection to a borrower of the given priority, waiting at most that priority's timeout.
     *
     * @throws SQLTransientConnectionException when no connection came free in time
     * @throws SQLException when the pool is closed, the wait is interrupted, or a new connection cannot be opened
     */
    public Connection getConnection(Priority priority) throws SQLException {
        Objects.requireNonNull(priority, "priority");
        Waiter me = new Waiter(priority);
        lock.lock();
        try {
            if (closed) {
                throw poolClosed();
            }
            queueOf(priority).addLast(me);
            me.passOversAtArrival = regularPassOvers;
            serveWaiters();
            awaitGrant(me);
        } finally {
            lock.unlock();
        }
        Connection connection = me.connection;
        if (connection != null && isBroken(connection)) {
            closeQuietly(connection); // it broke while idle: open a new one in its slot, keeping our turn
            connection = null;
        }
        return lend(connection != null ? connection : openInGrantedSlot());
    }

    /** Called with the lock held, after {@code me} joined its queue: returns once {@code me} holds a grant. */
    private void awaitGrant(Waiter me) throws SQLException {
        long timeout = config.timeoutFor(me.priority).toNanos();
        long deadline = System.nanoTime() + timeout;
        while (!me.granted) {
            if (closed) {
                queueOf(me.priority).remove(me);
                throw poolClosed();
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                queueOf(me.priority).remove(me);
                throw new SQLTransientConnectionException("timed out after " + timeout / 1_000_000
                        + " ms waiting for a " + me.priority + " connection (" + statsLocked() + "). "
                        + (me.priority == Priority.CRITICAL
                        ? "Critical work is served first: connections are held too long, or maxConnections is too low."
                        : "Every connection a regular borrower may take is in use; raise maxConnections or "
                        + "connectionTimeout, or lower criticalReserve."));
            }
            try {
                me.wakeUp.awaitNanos(remaining);
            } catch (InterruptedException e) {
                if (me.granted) {
                    returnGrant(me); // what was handed to us goes to the next in line
                } else {
                    queueOf(me.priority).remove(me);
                }
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for a " + me.priority
                        + " connection; the pool is unchanged", e);
            }
        }
    }

    /**
     * Called with the lock held, whenever something may have come free or the queues changed: hands what is free to
     * waiters, in the order of the discipline, until nothing is free or nobody may take it.
     */
    private void serveWaiters() {
        while (!closed) {
            int free = config.maxConnections() - total + idle.size();
            if (free == 0) {
                return;
            }
            Waiter regular = regularWaiters.peekFirst();
            boolean regularMayTake = regular != null && free > config.criticalReserve();
            Waiter next;
            if (regularMayTake && passOvers(regular) >= config.maxPassOvers()) {
                next = regular; // aged: it has waited long enough
            } else if (!criticalWaiters.isEmpty()) {
                next = criticalWaiters.peekFirst();
                if (regularMayTake) {
                    regularPassOvers++;
                }
            } else if (regularMayTake) {
                next = regular;
            } else {
                return;
            }
            queueOf(next.priority).removeFirst();
            if (idle.isEmpty()) {
                total++; // the slot is the waiter's; it connects once the lock is released
            } else {
                next.connection = idle.pollFirst();
            }
            active++;
            next.granted = true;
            next.wakeUp.signal();
        }
    }

    private long passOvers(Waiter regular) {
        return regularPassOvers - regular.passOversAtArrival;
    }

    /** Called with the lock held, by a waiter that got a grant but will not use it: the next in line gets it. */
    private void returnGrant(Waiter waiter) {
        active--;
        if (waiter.connection != null) {
            idle.addFirst(waiter.connection);
        } else {
            total--;
        }
        serveWaiters();
    }

    private Connection openInGrantedSlot() throws SQLException {
        try {
            return open();
        } catch (SQLException | RuntimeException e) {
            lock.lock();
            try {
                active--;
                total--;
                serveWaiters(); // the slot goes to the next in line, who may have better luck
            } finally {
                lock.unlock();
            }
            throw new SQLException("could not open a new connection for the pool: " + e.getMessage(), e);
        }
    }

    /** Wraps a granted connection in a handle, unless the pool was closed meanwhile. */
    private Connection lend(Connection connection) throws SQLException {
        if (isClosed()) {
            giveBack(connection, false);
            throw poolClosed();
        }
        return new PooledConnection(this, connection);
    }

    /**
     * Called by {@link PooledConnection#close()}, once per handle, after it reset the connection: takes the
     * connection back and serves the next waiter.
     */
    void giveBack(Connection physical, boolean reusable) {
        boolean discard;
        lock.lock();
        try {
            active--;
            discard = closed || !reusable;
            if (discard) {
                total--; // the slot is free: serveWaiters lets the next waiter open a new connection in it
            } else {
                idle.addFirst(physical);
            }
            serveWaiters();
        } finally {
            lock.unlock();
        }
        if (discard) {
            closeQuietly(physical);
        }
    }

    /** What the pool holds right now, counted under the lock so the figures agree with each other. */
    public PriorityPoolStats stats() {
        lock.lock();
        try {
            return statsLocked();
        } finally {
            lock.unlock();
        }
    }

    private PriorityPoolStats statsLocked() {
        return new PriorityPoolStats(total, active, idle.size(), criticalWaiters.size(), regularWaiters.size());
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
        List<Connection> idleOnes;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            idleOnes = new ArrayList<>(idle);
            total -= idle.size();
            idle.clear();
            criticalWaiters.forEach(waiter -> waiter.wakeUp.signal());
            regularWaiters.forEach(waiter -> waiter.wakeUp.signal());
        } finally {
            lock.unlock();
        }
        idleOnes.forEach(PriorityPool::closeQuietly);
    }

    private Deque<Waiter> queueOf(Priority priority) {
        return priority == Priority.CRITICAL ? criticalWaiters : regularWaiters;
    }

    private Connection open() throws SQLException {
        Connection connection = factory.connect();
        if (connection == null) {
            throw new SQLException("the ConnectionFactory returned null instead of a connection");
        }
        return connection;
    }

    private static boolean isBroken(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException | RuntimeException e) {
            return true;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // It is being thrown away; a failure to close it changes nothing for the pool.
        }
    }

    private static SQLException poolClosed() {
        return new SQLException("the pool is closed: it lends no more connections. Create a new PriorityPool.",
                "08003");
    }

    @Override
    public String toString() {
        return "PriorityPool[" + stats() + "]";
    }

    /** A borrower in one of the two queues, and what the pool handed it. Fields guarded by the pool's lock. */
    private final class Waiter {
        final Priority priority;
        final Condition wakeUp = lock.newCondition();
        long passOversAtArrival;
        boolean granted;
        Connection connection; // the idle connection handed over; null when the grant is a slot to open one in

        Waiter(Priority priority) {
            this.priority = priority;
        }
    }
}
