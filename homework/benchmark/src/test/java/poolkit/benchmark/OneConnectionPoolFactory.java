package poolkit.benchmark;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * A student's pool as the benchmark sees it: a PoolFactory found by class name. This one lends a single connection
 * to one borrower at a time, which is as simple as a pool gets.
 */
public class OneConnectionPoolFactory implements PoolFactory {

    @Override
    public DataSource create(DataSource physical, int minConnections, int maxConnections) throws SQLException {
        Connection only = physical.getConnection();
        Semaphore free = new Semaphore(1, true);
        return new ForwardingDataSource(physical) {
            @Override
            public Connection getConnection() throws SQLException {
                try {
                    if (!free.tryAcquire(Strategy.CONNECTION_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                        throw new SQLTransientConnectionException("the one connection stayed busy");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted", e);
                }
                boolean[] returned = {false};
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().equals("close")) {
                                if (!returned[0]) {
                                    returned[0] = true;
                                    free.release();
                                }
                                return null;
                            }
                            try {
                                return method.invoke(only, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }
}
