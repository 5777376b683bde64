package poolkit.health;

import java.sql.Connection;

/**
 * YOUR VALIDATION ON BORROW (Task 4): the pool core asks it, through {@code PoolHooks.canLend}, before it lends a
 * connection taken from its idle ones. A connection the core has just opened for the borrower is not asked about.
 */
final class BorrowValidation {

    private final HealthConfig config;
    private final ConnectionValidator validator;
    private final HealthCounters counters;

    BorrowValidation(HealthConfig config, ConnectionValidator validator, HealthCounters counters) {
        this.config = config;
        this.validator = validator;
        this.counters = counters;
    }

    /**
     * TASK 4: may this connection, idle for {@code idleNanos} (since it was last given back, or opened), be lent?
     * If it has been idle for validateOnBorrowAfter or longer, validate it with {@link #validator} and count the
     * validation with {@code counters.validated(alive)}. If it has been idle for less, lend it without a round trip:
     * the core has already checked that it is not closed. Decide by idle time, not by the connection's age: a
     * connection in constant use is fine however old it is.
     *
     * <p>Returning false is enough: the core closes the connection (the pool counts it as an eviction) and goes on
     * with the next idle one, or opens a new one.
     */
    boolean canLend(Connection connection, long idleNanos) {
        throw NotImplemented.task(4, "validate idle connections on borrow in BorrowValidation.canLend()");
    }
}
