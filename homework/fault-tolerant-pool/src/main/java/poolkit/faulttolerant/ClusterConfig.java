package poolkit.faulttolerant;

import poolkit.basic.ConnectionFactory;
import poolkit.basic.PoolConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * YOUR CONFIGURATION (Task 1). The builder is given; the validation is yours.
 *
 * <p>The cluster a {@link FaultTolerantPool} routes over, and how it watches it. Build one with {@link #builder()}.
 *
 * @param servers             the primary and the replicas, in the order the status lists them
 * @param poolPerServer       sizes and timeouts of the pool kept for each server
 * @param readPolicy          how reads are spread over the replicas that are up
 * @param healthCheckInterval how often every server is checked in the background
 * @param validationTimeout   how long checking one connection ({@code isValid}) may take, rounded up to whole seconds
 */
public record ClusterConfig(List<DatabaseServer> servers, PoolConfig poolPerServer, ReadPolicy readPolicy,
                            Duration healthCheckInterval, Duration validationTimeout) {

    public static final ReadPolicy DEFAULT_READ_POLICY = ReadPolicy.ROUND_ROBIN;
    public static final Duration DEFAULT_HEALTH_CHECK_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_VALIDATION_TIMEOUT = Duration.ofSeconds(2);

    /**
     * TASK 1: reject, with an {@link IllegalArgumentException} whose message says what is wrong:
     * <ul>
     *   <li>{@code servers} null or empty, or containing null;</li>
     *   <li>not exactly one server with role PRIMARY (none: say a primary is needed; two or more: name them);</li>
     *   <li>two servers with the same name (name it): status and messages would be ambiguous;</li>
     *   <li>{@code poolPerServer} or {@code readPolicy} null (name the field);</li>
     *   <li>{@code healthCheckInterval} or {@code validationTimeout} null, zero or negative (name the field).</li>
     * </ul>
     * Then keep an unmodifiable copy of the list ({@code servers = List.copyOf(servers);}), so a caller changing
     * its own list later cannot change the cluster.
     */
    public ClusterConfig {
        throw NotImplemented.task(1, "validate the cluster in ClusterConfig's compact constructor");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects servers and settings; {@link #build()} validates them all at once. */
    public static final class Builder {
        private final List<DatabaseServer> servers = new ArrayList<>();
        private PoolConfig poolPerServer = PoolConfig.defaults();
        private ReadPolicy readPolicy = DEFAULT_READ_POLICY;
        private Duration healthCheckInterval = DEFAULT_HEALTH_CHECK_INTERVAL;
        private Duration validationTimeout = DEFAULT_VALIDATION_TIMEOUT;

        private Builder() {
        }

        public Builder server(DatabaseServer server) {
            servers.add(server);
            return this;
        }

        public Builder primary(String name, ConnectionFactory factory) {
            return server(DatabaseServer.primary(name, factory));
        }

        public Builder replica(String name, ConnectionFactory factory) {
            return server(DatabaseServer.replica(name, factory));
        }

        public Builder poolPerServer(PoolConfig value) {
            this.poolPerServer = value;
            return this;
        }

        public Builder readPolicy(ReadPolicy value) {
            this.readPolicy = value;
            return this;
        }

        public Builder healthCheckInterval(Duration value) {
            this.healthCheckInterval = value;
            return this;
        }

        public Builder validationTimeout(Duration value) {
            this.validationTimeout = value;
            return this;
        }

        /** @throws IllegalArgumentException naming what is wrong */
        public ClusterConfig build() {
            return new ClusterConfig(new ArrayList<>(servers), poolPerServer, readPolicy, healthCheckInterval,
                    validationTimeout);
        }
    }
}
