package poolkit.monitoring;

import java.sql.Statement;
import java.util.Objects;

/**
 * YOUR QUERY COUNTER (Task 3): makes a statement count the queries it executes. The given
 * {@link MonitoredConnection} passes every statement it creates through {@link #counting(Class, Statement)} before
 * the borrower gets it.
 */
public final class QueryCounter {

    private final PoolMetrics metrics;

    public QueryCounter(PoolMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * TASK 3: return a statement of the same JDBC interface {@code type} (Statement, PreparedStatement or
     * CallableStatement) that behaves exactly like the driver's {@code statement}, and records
     * {@code metrics.queryExecuted()} once for every call of a method whose name starts with {@code execute}
     * (execute, executeQuery, executeUpdate, executeBatch, and the executeLarge... ones). Nothing else counts. The
     * driver's exceptions must reach the caller as they are.
     */
    public <S extends Statement> S counting(Class<S> type, S statement) {
        throw NotImplemented.task(3, "count the queries of a statement in QueryCounter.counting()");
    }
}
