package poolkit.monitoring;

import poolkit.basic.DelegatingConnection;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * GIVEN: the handle a borrower of a {@link MonitoredPool} holds. It wraps the reference pool's handle and forwards
 * every call to it, so the pool's rules stay the pool's: closing this handle closes the pool's handle, which gives
 * the connection back exactly once and reports the release to the hooks; a closed handle refuses to be used.
 *
 * <p>What it adds: every statement it creates, through any of the twelve {@code createStatement},
 * {@code prepareStatement} and {@code prepareCall} methods, passes through {@link #opened(Statement)} and from
 * there through your {@link QueryCounter#counting(Class, Statement)} before the borrower gets it (Task 3).
 */
final class MonitoredConnection extends DelegatingConnection {

    private final String poolName;
    private final Connection pooled;
    private final QueryCounter queryCounter;

    /**
     * @param poolName     for messages
     * @param pooled       the handle the reference pool lent
     * @param queryCounter what makes the statements count their queries
     */
    MonitoredConnection(String poolName, Connection pooled, QueryCounter queryCounter) {
        this.poolName = poolName;
        this.pooled = pooled;
        this.queryCounter = queryCounter;
    }

    /** The pool's handle: it refuses every call once closed, and notes what the borrower changes. */
    @Override
    protected Connection delegate() {
        return pooled;
    }

    /**
     * Hands the driver's statement to your {@link QueryCounter} as the most specific of the three JDBC statement
     * interfaces it implements. The borrower asked for that interface or a wider one, so what comes back fits.
     */
    @Override
    protected <S extends Statement> S opened(S statement) {
        if (statement instanceof CallableStatement callable) {
            return sameType(statement, queryCounter.counting(CallableStatement.class, callable));
        }
        if (statement instanceof PreparedStatement prepared) {
            return sameType(statement, queryCounter.counting(PreparedStatement.class, prepared));
        }
        return sameType(statement, queryCounter.counting(Statement.class, statement));
    }

    @SuppressWarnings("unchecked") // counting is of the same interface as the statement, or a narrower one
    private static <S extends Statement> S sameType(S statement, Statement counting) {
        return (S) counting;
    }

    @Override
    public void close() throws SQLException {
        pooled.close();
    }

    @Override
    public boolean isClosed() throws SQLException {
        return pooled.isClosed();
    }

    @Override
    public String toString() {
        return "MonitoredConnection[" + poolName + ", " + pooled + "]";
    }
}
