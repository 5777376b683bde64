package poolkit.health;

import java.sql.Connection;

/** Validation on borrow: the core's {@code PoolHooks.canLend}, by idle time. */
final class BorrowValidation {

    private final HealthConfig config;
    private final ConnectionValidator validator;
    private final HealthCounters counters;

    BorrowValidation(HealthConfig config, ConnectionValidator validator, HealthCounters counters) {
        this.config = config;
        this.validator = validator;
        this.counters = counters;
    }

    /** A connection idle for validateOnBorrowAfter or longer is validated; one used a moment ago is lent as it is. */
    boolean canLend(Connection connection, long idleNanos) {
        if (idleNanos < config.validateOnBorrowAfter().toNanos()) {
            return true; // used a moment ago: a validation would only add a round trip (the core checked isClosed)
        }
        boolean alive = validator.isAlive(connection);
        counters.validated(alive);
        return alive;
    }
}
