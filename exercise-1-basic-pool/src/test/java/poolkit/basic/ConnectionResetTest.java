package poolkit.basic;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.ConnectionResetContract;
import poolkit.testsupport.RememberingConnection;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kit's reset contract (test-support's ConnectionResetContract: one copy for every pool), on your pool; and, on
 * H2, the two things H2 itself forgets (a read-only flag, warnings), with connections that remember them as
 * PostgreSQL's driver does, so these are checked even when PostgreSQL is off.
 */
@DisplayName("Task 4: every setting a borrower changed is set back for the next one")
class ConnectionResetTest extends ConnectionResetContract {

    private final TrackingConnectionFactory h2 = new TrackingConnectionFactory(TestDatabases.h2());
    private final List<RememberingConnection> remembering = new CopyOnWriteArrayList<>();

    @Override
    protected PoolHandle onePool(TrackingConnectionFactory factory) throws SQLException {
        ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(1).build(), factory::connect);
        return new PoolHandle() {
            @Override
            public Connection getConnection() throws SQLException {
                return pool.getConnection();
            }

            @Override
            public void close() {
                pool.close();
            }
        };
    }

    /** A pool of one connection that remembers its read-only flag and warnings (H2 forgets both). */
    private ConnectionPool onePoolThatRemembers() throws SQLException {
        return new ConnectionPool(TestPools.config().maxConnections(1).build(), () -> {
            RememberingConnection connection = RememberingConnection.wrap(h2.connect());
            remembering.add(connection);
            return connection.connection();
        });
    }

    @Test
    @DisplayName("read-only is switched off again (H2, on a connection that remembers it as PostgreSQL does)")
    void readOnlyIsResetOnH2() throws Exception {
        try (ConnectionPool pool = onePoolThatRemembers()) {
            try (Connection first = pool.getConnection()) {
                first.setReadOnly(true);
                assertThat(first.isReadOnly()).as("read-only flag right after the borrower set it").isTrue();
            }
            try (Connection next = pool.getConnection()) {
                assertThat(next.isReadOnly()).as("read-only flag of the next borrower's connection (the same "
                        + "physical connection: the pool has one), after the first borrower switched it on").isFalse();
            }
        }
    }

    @Test
    @DisplayName("warnings one borrower got are cleared before the next borrower gets the connection (H2)")
    void warningsAreCleared() throws Exception {
        try (ConnectionPool pool = onePoolThatRemembers()) {
            try (Connection first = pool.getConnection()) {
                assertThat(remembering).as("physical connections the pool opened for one borrower").hasSize(1);
                remembering.get(0).addWarning(new SQLWarning("a warning the first borrower never read"));
                assertThat((Object) first.getWarnings()).as("warnings the first borrower's connection reports")
                        .isNotNull();
            }
            try (Connection next = pool.getConnection()) {
                assertThat((Object) next.getWarnings()).as("warnings the next borrower's connection reports (the first "
                        + "borrower's, unless the pool cleared them)").isNull();
            }
        }
    }
}
