package poolkit.separation;

import poolkit.basic.PoolConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * GIVEN: how each of the three pools is sized and timed. Read it from a properties file, so operators can resize a
 * pool without a new build:
 *
 * <pre>
 * trades.minConnections=10
 * trades.maxConnections=100
 * trades.connectionTimeoutMs=500
 * market-data.minConnections=20
 * ...
 * risk.connectionTimeoutMs=2000
 * </pre>
 *
 * Every workload needs its three settings; the pool's other settings (lifetime, idle timeout) keep
 * {@link PoolConfig}'s defaults. The lesson's file is {@code trading-pools.properties} in the test resources.
 *
 * @param trades     the pool that records trades
 * @param marketData the pool that reads prices and trade history
 * @param risk       the pool for risk checks
 */
public record TradingPoolsConfig(PoolConfig trades, PoolConfig marketData, PoolConfig risk) {

    public TradingPoolsConfig {
        Objects.requireNonNull(trades, "trades pool config");
        Objects.requireNonNull(marketData, "market data pool config");
        Objects.requireNonNull(risk, "risk pool config");
    }

    /** The configuration of one workload's pool. */
    public PoolConfig forWorkload(Workload workload) {
        return switch (workload) {
            case TRADES -> trades;
            case MARKET_DATA -> marketData;
            case RISK -> risk;
        };
    }

    /**
     * Reads a properties file from the class path, e.g. {@code load("trading-pools.properties")}.
     *
     * @throws IllegalArgumentException when the file is missing or a setting is missing or invalid; the message
     *                                  names the file and the setting
     */
    public static TradingPoolsConfig load(String classpathResource) {
        ClassLoader loader = TradingPoolsConfig.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IllegalArgumentException("no " + classpathResource + " on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return fromProperties(properties, classpathResource);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + classpathResource, e);
        }
    }

    /**
     * Builds the configuration from properties as shown in the class comment.
     *
     * @param source where the properties came from, for error messages
     */
    public static TradingPoolsConfig fromProperties(Properties properties, String source) {
        return new TradingPoolsConfig(
                poolConfig(properties, source, Workload.TRADES),
                poolConfig(properties, source, Workload.MARKET_DATA),
                poolConfig(properties, source, Workload.RISK));
    }

    private static PoolConfig poolConfig(Properties properties, String source, Workload workload) {
        try {
            return PoolConfig.builder()
                    .minConnections(number(properties, source, workload.key() + ".minConnections"))
                    .maxConnections(number(properties, source, workload.key() + ".maxConnections"))
                    .connectionTimeout(Duration.ofMillis(number(properties, source, workload.key() + ".connectionTimeoutMs")))
                    .build();
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith(source)) {
                throw e;
            }
            throw new IllegalArgumentException(source + ": the " + workload.label() + " pool: " + e.getMessage(), e);
        }
    }

    private static int number(Properties properties, String source, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(source + ": " + key + " is missing");
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + key + " must be a whole number, but was '" + value + "'");
        }
    }
}
