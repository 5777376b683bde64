package poolkit.health;

import poolkit.basic.ConnectionPool;

/**
 * One health check: the core's sweep over its idle connections, each validated while it is out of the idle set.
 * The core closes the dead, the old and the surplus idle ones; the pool's hooks count those as evictions.
 */
final class IdleCheck {

    private final ConnectionPool core;
    private final ConnectionValidator validator;
    private final HealthCounters counters;

    IdleCheck(ConnectionPool core, ConnectionValidator validator, HealthCounters counters) {
        this.core = core;
        this.validator = validator;
        this.counters = counters;
    }

    void run() {
        core.checkIdle(connection -> {
            boolean alive = validator.isAlive(connection);
            counters.validated(alive);
            return alive;
        });
        counters.checkCompleted();
    }
}
