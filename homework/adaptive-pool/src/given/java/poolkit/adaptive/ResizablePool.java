package poolkit.adaptive;

import poolkit.basic.AbstractPoolDataSource;
import poolkit.basic.ConnectionFactory;
import poolkit.basic.ConnectionPool;
import poolkit.basic.PoolConfig;
import poolkit.basic.PoolHooks;
import poolkit.basic.PoolStats;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * GIVEN: the pool your controller sizes. It is the kit's reference pool, {@link ConnectionPool} (exercise 1's answer,
 * compiled from {@code reference-pool/}), and this class only adds what a controller reads around it; it lends
 * nothing itself.
 *
 * <ul>
 *   <li><b>A limit that can move.</b> {@link #setLimit(int)} is the reference pool's
 *       {@link ConnectionPool#setMaxConnections(int)}: raising it lets waiting borrowers open connections at once;
 *       lowering it closes idle connections above the limit at once, and lent ones above it as they come back.
 *       The limit starts at the configuration's {@code maxConnections}.</li>
 *   <li><b>Wait times.</b> Every {@link #getConnection()} that got a connection or timed out tells the
 *       {@link WaitListener}s how long it waited, read from this pool's {@link Ticker} before and after the call.
 *       (The reference pool's own {@link PoolHooks#acquired} reports waits too, but on {@code System.nanoTime()};
 *       the tests need waits on a clock they move by hand.)</li>
 *   <li><b>Peak use.</b> {@link #takePeakInUse()}: how many connections were lent at once at most since the
 *       previous call, noted from {@link ConnectionPool#stats()} just after each lend.</li>
 * </ul>
 *
 * <p>Deadlines ({@code connectionTimeout}) run on the real clock whatever the ticker: a borrower never waits for a
 * test to move a hand-driven ticker.
 */
public final class ResizablePool extends AbstractPoolDataSource implements AutoCloseable {

    private final Ticker ticker;
    private final ConnectionPool pool;
    private final List<WaitListener> waitListeners = new CopyOnWriteArrayList<>();

    private final Object peakLock = new Object();
    private int peakInUse; // guarded by peakLock

    /** A pool on the real clock. */
    public ResizablePool(PoolConfig config, ConnectionFactory factory) throws SQLException {
        this(config, factory, Ticker.system());
    }

    /**
     * Opens {@code minConnections} connections at once, as the reference pool does; the limit starts at
     * {@code maxConnections}.
     *
     * @param ticker measures borrowers' waits (tests pass one they move by hand)
     * @throws SQLException when the initial connections cannot all be opened; those that were are closed again
     */
    public ResizablePool(PoolConfig config, ConnectionFactory factory, Ticker ticker) throws SQLException {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.pool = new ConnectionPool(config, factory);
    }

    /** The clock this pool measures waits with; the controller reads the time from it too. */
    public Ticker ticker() {
        return ticker;
    }

    /** From now on, {@code listener} hears how long every borrower waited. */
    public void addWaitListener(WaitListener listener) {
        waitListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Stops telling {@code listener}: it must be the very object that was added (compared with {@code equals}). */
    public void removeWaitListener(WaitListener listener) {
        waitListeners.remove(listener);
    }

    /** How many listeners hear the waits now: a controller adds one and removes it when closed. */
    public int waitListenerCount() {
        return waitListeners.size();
    }

    /** How many connections the pool may have open now: the reference pool's {@code maxConnections()}. */
    public int limit() {
        return pool.maxConnections();
    }

    /**
     * Moves the limit, through the reference pool's {@code setMaxConnections}. Raising it wakes waiting borrowers,
     * who may now open connections. Lowering it closes idle connections above the new limit now, and lent ones
     * above it when they come back; nobody's connection is taken away while in use.
     *
     * @throws IllegalArgumentException when {@code newLimit} is below 1 or below the configuration's
     *                                  {@code minConnections}
     */
    public void setLimit(int newLimit) {
        pool.setMaxConnections(newLimit);
    }

    /**
     * The most connections lent at the same time since the previous call (or since the pool opened), and never less
     * than the number lent now. Each call starts a new period, so one caller (the controller) should own it.
     *
     * <p>The peak is noted just after each lend, so a peak that lasted only while another borrower was giving a
     * connection back may be seen one lower: too brief to matter for sizing.
     */
    public int takePeakInUse() {
        int inUseNow = pool.stats().active();
        synchronized (peakLock) {
            int peak = Math.max(peakInUse, inUseNow);
            peakInUse = inUseNow;
            return peak;
        }
    }

    private void notePeak(int inUse) {
        synchronized (peakLock) {
            peakInUse = Math.max(peakInUse, inUse);
        }
    }

    /**
     * Lends a connection from the reference pool: an idle one, a new one while below the limit, otherwise the first
     * one given back within connectionTimeout. The wait is reported to the {@link WaitListener}s, timeouts included.
     *
     * @throws SQLTransientConnectionException when no connection came free within connectionTimeout
     * @throws SQLException when the pool is closed, the wait is interrupted, or a new connection cannot be opened
     */
    @Override
    public Connection getConnection() throws SQLException {
        long startedAt = ticker.nanoTime();
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLTransientConnectionException timedOut) {
            reportWait(startedAt);
            throw timedOut;
        }
        notePeak(pool.stats().active()); // this borrower's connection is one of them
        try {
            reportWait(startedAt);
        } catch (RuntimeException listenerFailed) {
            connection.close(); // the borrower never sees this connection, so it must go back now
            throw listenerFailed;
        }
        return connection;
    }

    private void reportWait(long startedAt) {
        long waited = Math.max(0, ticker.nanoTime() - startedAt);
        for (WaitListener listener : waitListeners) {
            listener.waited(waited);
        }
    }

    /** What the pool holds right now. */
    public PoolStats stats() {
        return pool.stats();
    }

    public boolean isClosed() {
        return pool.isClosed();
    }

    /** Closes idle connections now and lent ones when given back; waiting and later borrowers get an SQLException. */
    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "ResizablePool[" + stats() + ", limit=" + limit() + "]";
    }
}
