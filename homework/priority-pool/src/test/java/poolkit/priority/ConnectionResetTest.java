package poolkit.priority;

import org.junit.jupiter.api.DisplayName;
import poolkit.testsupport.ConnectionResetContract;
import poolkit.testsupport.TrackingConnectionFactory;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The kit's reset contract (test-support's ConnectionResetContract, the same one exercise 1's pool passes) on the
 * priority pool: the given handle does the reset, your pool must drop a connection whose reset failed.
 */
@DisplayName("Task 2: every setting a borrower changed is set back for the next one")
class ConnectionResetTest extends ConnectionResetContract {

    @Override
    protected PoolHandle onePool(TrackingConnectionFactory factory) throws SQLException {
        PriorityPool pool = new PriorityPool(TestPools.config().maxConnections(1).build(), factory::connect);
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
