package poolkit.basic;

import java.sql.Connection;

/**
 * GIVEN: the places where code built on a pool hooks into it, the way production pools open themselves up
 * (HikariCP's metrics tracker, for one). Every method does nothing by default, so an implementation overrides only
 * what it needs; {@link #NONE} overrides nothing.
 *
 * <p>A pool calls each method on the thread where the event happens, never while holding its own lock, and once per
 * event. Times are in nanoseconds, measured with {@link System#nanoTime()}. A hook should be quick and should not
 * throw: the reference pool drops what an event hook throws and goes on, so a faulty hook cannot leak a connection.
 *
 * <ul>
 *   <li>Exercise 2 records these events as metrics.</li>
 *   <li>Exercise 4 uses {@link #canLend} to validate a connection before it is lent.</li>
 * </ul>
 */
public interface PoolHooks {

    /** Hooks that do nothing: what a pool made without hooks uses. */
    PoolHooks NONE = new PoolHooks() {
    };

    /** A new physical connection was opened; {@code connectNanos} is how long the connect took. */
    default void connectionOpened(long connectNanos) {
    }

    /** Opening a physical connection failed with {@code cause}; the pool goes on without it. */
    default void connectFailed(Exception cause) {
    }

    /** The pool closed one of its physical connections (retired, broken, rejected, or at pool close). */
    default void connectionClosed() {
    }

    /** {@code getConnection()} lent a connection after waiting {@code waitNanos} from the call. */
    default void acquired(long waitNanos) {
    }

    /** {@code getConnection()} gave up after waiting {@code waitNanos}: no connection came free in time. */
    default void timedOut(long waitNanos) {
    }

    /** A borrower gave its connection back after holding it for {@code heldNanos}. */
    default void released(long heldNanos) {
    }

    /**
     * The validation step before lending: may this connection, taken from the idle ones and idle for
     * {@code idleNanos}, be lent? If not (false, or an exception), the pool closes it and tries the next one. Not
     * called for a connection the pool has just opened for this borrower.
     */
    default boolean canLend(Connection connection, long idleNanos) {
        return true;
    }
}
