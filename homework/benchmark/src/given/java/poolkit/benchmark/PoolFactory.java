package poolkit.benchmark;

import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * GIVEN: how the benchmark creates the pool it measures. Plug in your own pool by writing a class that implements
 * this interface, has a public no-argument constructor, and is on the classpath; then name it in a strategy, e.g.
 * {@code --strategies reference:5:50,com.example.MyPoolFactory:5:50}.
 */
@FunctionalInterface
public interface PoolFactory {

    /**
     * Creates a started pool. If the returned data source is {@link AutoCloseable}, the benchmark closes it after
     * each run.
     *
     * @param physical       where the pool must open its physical connections (it counts them)
     * @param minConnections connections the pool keeps open while idle
     * @param maxConnections the most connections the pool may open at once
     */
    DataSource create(DataSource physical, int minConnections, int maxConnections) throws SQLException;
}
