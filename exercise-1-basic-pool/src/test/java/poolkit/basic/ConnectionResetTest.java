package poolkit.basic;

import org.junit.jupiter.api.DisplayName;
import poolkit.testsupport.ConnectionResetContract;
import poolkit.testsupport.TrackingConnectionFactory;

import java.sql.Connection;
import java.sql.SQLException;

/** The kit's reset contract (test-support's ConnectionResetContract: one copy for every pool), on your pool. */
@DisplayName("Task 4: every setting a borrower changed is set back for the next one")
class ConnectionResetTest extends ConnectionResetContract {

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
}
