package poolkit.health;

import poolkit.basic.AbstractPoolDataSource;
import poolkit.basic.ConnectionFactory;
import poolkit.basic.ConnectionPool;
import poolkit.basic.PoolHooks;
import poolkit.basic.PoolStats;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * GIVEN: a pool that keeps itself healthy, put together from the kit's pool core and your classes. Read it to see
 * where each of your classes plugs in; leave it as it is.
 *
 * <p>The lending is the core's: a {@link ConnectionPool} (the reference pool of reference-pool/) lends, takes back,
 * retires, waits and closes. This class gives the core its configuration ({@link CoreConfig}) and its hooks, and
 * runs your health work around it:
 * <ul>
 *   <li>{@link BorrowValidation} (Task 4) is the core's validation step before lending, {@link PoolHooks#canLend};</li>
 *   <li>{@link IdleCheck} (Task 5) checks the idle connections through {@link ConnectionPool#checkIdle};</li>
 *   <li>{@link Refill} (Task 6) brings the pool back to minConnections with
 *       {@link ConnectionPool#addConnection};</li>
 *   <li>{@link HealthChecker} (Task 3) runs the idle check and then the refill on a thread of its own, every
 *       healthCheckInterval, from the constructor until {@link #close()}.</li>
 * </ul>
 * Every connection the core closes while the pool is open (dead, past maxLifetime, idle past idleTimeout, broken on
 * return) counts as an eviction in {@link #events()}: the hooks count them, not your code.
 */
public final class HealthCheckedPool extends AbstractPoolDataSource implements AutoCloseable {

    private final HealthConfig config;
    private final HealthCounters counters = new HealthCounters();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<NotImplemented> borrowValidationMissing = new AtomicReference<>();
    private final ConnectionPool core;
    private final IdleCheck idleCheck;
    private final HealthChecker checker;
    private volatile String lastBackgroundFailure;

    /**
     * Opens {@code minConnections} connections, then starts the background health checker.
     *
     * @throws SQLException when the initial connections cannot all be opened; nothing is left open or running
     */
    public HealthCheckedPool(HealthConfig config, ConnectionFactory factory) throws SQLException {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(factory, "factory");
        ConnectionValidator validator = ConnectionValidator.of(config);
        BorrowValidation borrowValidation = new BorrowValidation(config, validator, counters);
        this.core = new ConnectionPool(CoreConfig.of(config), factory, new Hooks(borrowValidation));
        this.idleCheck = new IdleCheck(core, validator, counters);
        Refill refill = new Refill(config, core, counters, this::logBackgroundFailure);
        this.checker = new HealthChecker(config, this::runHealthCheck, refill::refillToMin,
                this::logBackgroundFailure);
        try {
            checker.start();
        } catch (RuntimeException | Error e) {
            closed.set(true);
            core.close();
            throw e;
        }
    }

    /**
     * Lends a connection, from the core: an idle one that {@link BorrowValidation} accepts, a new one while the pool
     * is below maxConnections, otherwise the first one given back within connectionTimeout.
     */
    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = core.getConnection();
        NotImplemented missing = borrowValidationMissing.getAndSet(null);
        if (missing != null) {
            connection.close(); // the core swallows what canLend throws: say what is missing instead
            throw missing;
        }
        return connection;
    }

    /**
     * Checks the idle connections once, now ({@link IdleCheck}, Task 5). The health checker calls this every
     * healthCheckInterval; call it yourself to check at once (after a database failover, say). Does nothing once
     * the pool is closed.
     */
    public void runHealthCheck() {
        if (!closed.get()) {
            idleCheck.run();
        }
    }

    /** What the pool holds right now. */
    public PoolStats stats() {
        return core.stats();
    }

    /** What the health work has done so far. */
    public HealthEvents events() {
        return counters.snapshot();
    }

    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Closes the pool: idle connections now, lent ones when they are given back, and stops the health checker.
     * Waiting and later borrowers get an {@link SQLException}. Closing again does nothing.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            core.close();   // first, so that a check or a refill still running closes what it holds
            checker.stop();
        }
    }

    /** Background failures go to the DataSource's log writer, when one is set, and show in {@link #toString()}. */
    private void logBackgroundFailure(String what, Throwable failure) {
        lastBackgroundFailure = what + ": " + failure;
        PrintWriter log = getLogWriter();
        if (log != null) {
            log.println("poolkit-health-" + config.poolName() + ": " + what + ": " + failure);
        }
    }

    @Override
    public String toString() {
        String failure = lastBackgroundFailure;
        return "HealthCheckedPool[" + config.poolName() + ": " + stats() + "; " + events()
                + (failure == null ? "" : "; last background failure: " + failure) + "]";
    }

    /** What the core tells the pool, and asks it. */
    private final class Hooks implements PoolHooks {

        private final BorrowValidation borrowValidation;

        Hooks(BorrowValidation borrowValidation) {
            this.borrowValidation = borrowValidation;
        }

        @Override
        public boolean canLend(Connection connection, long idleNanos) {
            try {
                return borrowValidation.canLend(connection, idleNanos);
            } catch (NotImplemented missing) {
                borrowValidationMissing.set(missing);
                throw missing;
            }
        }

        @Override
        public void connectionClosed() {
            if (!closed.get()) {
                counters.evicted();
            }
        }
    }
}
