package poolkit.benchmark;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import poolkit.basic.ConnectionPool;
import poolkit.basic.PoolConfig;

/**
 * GIVEN: one way of getting connections that the benchmark compares, written as a short spec:
 * <ul>
 *   <li>{@code none}: no pool, a new physical connection per request (closing it closes it);</li>
 *   <li>{@code reference:MIN:MAX}: the kit's reference pool ({@code poolkit.basic.ConnectionPool}, exercise 1);</li>
 *   <li>{@code hikari:MIN:MAX}: HikariCP, the industry reference;</li>
 *   <li>{@code some.package.YourPoolFactory:MIN:MAX}: any {@link PoolFactory} on the classpath.</li>
 * </ul>
 * Every pool waits at most {@link #CONNECTION_TIMEOUT} for a connection; a request that waits longer counts as a
 * timeout.
 *
 * @param name           the spec, as shown in reports
 * @param factory        creates the pool for one run
 * @param minConnections the pool's minimum (0 for {@code none})
 * @param maxConnections the pool's maximum (0 for {@code none}: no limit but the server's)
 */
public record Strategy(String name, PoolFactory factory, int minConnections, int maxConnections) {

    public static final String DEFAULTS = "none,reference:1:10,reference:5:50,hikari:1:10,hikari:5:50";
    public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(30);

    /** Parses a comma-separated list of specs. */
    public static List<Strategy> parseList(String specs) {
        return Arrays.stream(specs.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Strategy::parse).toList();
    }

    /** Parses one spec; see the class comment. */
    public static Strategy parse(String spec) {
        if (spec.equals("none")) {
            return new Strategy(spec, (physical, min, max) -> physical, 0, 0);
        }
        String[] parts = spec.split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("strategy '" + spec + "' is not 'none' or NAME:MIN:MAX, e.g. hikari:5:50");
        }
        int min = parseSize(spec, "MIN", parts[1]);
        int max = parseSize(spec, "MAX", parts[2]);
        if (max < 1 || min > max) {
            throw new IllegalArgumentException("strategy '" + spec + "' needs 1 <= MAX and MIN <= MAX");
        }
        return new Strategy(spec, factoryNamed(parts[0]), min, max);
    }

    /** Creates this strategy's data source for one run. */
    public DataSource start(DataSource physical) throws SQLException {
        return factory.create(physical, minConnections, maxConnections);
    }

    /** Closes a data source made by {@link #start}, if it holds anything. */
    public static void stop(DataSource dataSource) throws Exception {
        if (dataSource instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private static int parseSize(String spec, String what, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strategy '" + spec + "': " + what + " must be a number, but was '" + value + "'");
        }
    }

    private static PoolFactory factoryNamed(String name) {
        return switch (name) {
            case "reference" -> Strategy::referencePool;
            case "hikari" -> Strategy::hikariPool;
            default -> loadFactory(name);
        };
    }

    private static DataSource referencePool(DataSource physical, int min, int max) throws SQLException {
        PoolConfig config = PoolConfig.builder().minConnections(min).maxConnections(max)
                .connectionTimeout(CONNECTION_TIMEOUT).build();
        return new ConnectionPool(config, physical::getConnection);
    }

    private static DataSource hikariPool(DataSource physical, int min, int max) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(physical);
        config.setMinimumIdle(min);
        config.setMaximumPoolSize(max);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setPoolName("hikari-" + min + "-" + max);
        return new HikariDataSource(config);
    }

    private static PoolFactory loadFactory(String className) {
        try {
            Class<?> type = Class.forName(className);
            if (!PoolFactory.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(className + " does not implement " + PoolFactory.class.getName());
            }
            return (PoolFactory) type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("unknown strategy '" + className + "': use none, reference, hikari, "
                    + "or the class name of a PoolFactory on the classpath", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(className + " needs a public no-argument constructor: " + e, e);
        }
    }
}
