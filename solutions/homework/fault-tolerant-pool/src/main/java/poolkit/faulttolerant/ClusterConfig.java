package poolkit.faulttolerant;

import poolkit.basic.ConnectionFactory;
import poolkit.basic.PoolConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The cluster a {@link FaultTolerantPool} routes over, and how it watches it. Build one with {@link #builder()}.
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

    /** Rejects a cluster the pool could not route over, naming what is wrong. */
    public ClusterConfig {
        if (servers == null || servers.isEmpty()) {
            throw new IllegalArgumentException("servers must list at least the primary, but was " + servers);
        }
        if (servers.contains(null)) {
            throw new IllegalArgumentException("servers must not contain null: " + servers);
        }
        List<String> primaries = servers.stream().filter(server -> server.role() == ServerRole.PRIMARY)
                .map(DatabaseServer::name).toList();
        if (primaries.size() != 1) {
            throw new IllegalArgumentException("a cluster needs exactly one PRIMARY server to send writes to, but "
                    + (primaries.isEmpty() ? "none of " + servers + " is" : primaries.size() + " are: " + primaries));
        }
        Set<String> names = new HashSet<>();
        for (DatabaseServer server : servers) {
            if (server.name().isBlank()) {
                throw new IllegalArgumentException("every server needs a name, but " + server + " has a blank one");
            }
            if (!names.add(server.name())) {
                throw new IllegalArgumentException("server names must be unique, but '" + server.name()
                        + "' is used twice: " + servers.stream().map(DatabaseServer::name).collect(Collectors.joining(", ")));
            }
        }
        if (poolPerServer == null) {
            throw new IllegalArgumentException("poolPerServer must be set, but was null");
        }
        if (readPolicy == null) {
            throw new IllegalArgumentException("readPolicy must be one of " + List.of(ReadPolicy.values()) + ", but was null");
        }
        requirePositive("healthCheckInterval", healthCheckInterval);
        requirePositive("validationTimeout", validationTimeout);
        servers = List.copyOf(servers);
    }

    private static void requirePositive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be a positive duration, but was " + value);
        }
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
