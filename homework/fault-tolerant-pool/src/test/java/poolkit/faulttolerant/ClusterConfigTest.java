package poolkit.faulttolerant;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.basic.ConnectionFactory;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Task 1: the cluster configuration is validated")
class ClusterConfigTest {

    /** Never called: validation must not connect. */
    private static final ConnectionFactory UNUSED = () -> {
        throw new AssertionError("ClusterConfig must not connect to validate");
    };

    @Test
    @DisplayName("a primary with two replicas is valid; the defaults are round-robin reads, a 5 s health check, 2 s validation")
    void validClusterAndDefaults() {
        ClusterConfig config = ClusterConfig.builder().primary("db-1", UNUSED).replica("db-2", UNUSED)
                .replica("db-3", UNUSED).build();
        assertThat(config.servers()).as("servers, in the order they were added").extracting(DatabaseServer::name)
                .containsExactly("db-1", "db-2", "db-3");
        assertThat(config.readPolicy()).as("default readPolicy").isEqualTo(ReadPolicy.ROUND_ROBIN);
        assertThat(config.healthCheckInterval()).as("default healthCheckInterval").isEqualTo(Duration.ofSeconds(5));
        assertThat(config.validationTimeout()).as("default validationTimeout").isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("a primary alone is a valid cluster (reads then go to the primary)")
    void primaryAlone() {
        assertThat(ClusterConfig.builder().primary("only", UNUSED).build().servers()).as("servers").hasSize(1);
    }

    @Test
    @DisplayName("no servers at all is rejected")
    void noServers() {
        assertThatThrownBy(() -> ClusterConfig.builder().build())
                .as("ClusterConfig with no servers")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("servers");
    }

    @Test
    @DisplayName("replicas without a primary are rejected with a message that says a primary is needed")
    void noPrimary() {
        assertThatThrownBy(() -> ClusterConfig.builder().replica("db-2", UNUSED).replica("db-3", UNUSED).build())
                .as("ClusterConfig with two replicas and no primary")
                .isInstanceOf(IllegalArgumentException.class)
                .message().containsIgnoringCase("primary");
    }

    @Test
    @DisplayName("two primaries are rejected, naming both")
    void twoPrimaries() {
        assertThatThrownBy(() -> ClusterConfig.builder().primary("db-1", UNUSED).primary("db-9", UNUSED).build())
                .as("ClusterConfig with primaries db-1 and db-9")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("db-1")
                .hasMessageContaining("db-9");
    }

    @Test
    @DisplayName("two servers with the same name are rejected, naming it (status and messages would be ambiguous)")
    void duplicateNames() {
        assertThatThrownBy(() -> ClusterConfig.builder().primary("db-1", UNUSED).replica("twin", UNUSED)
                .replica("twin", UNUSED).build())
                .as("ClusterConfig with two servers named 'twin'")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twin");
    }

    @Test
    @DisplayName("a missing poolPerServer or readPolicy is rejected, naming the field")
    void missingSettings() {
        assertThatThrownBy(() -> ClusterConfig.builder().primary("db-1", UNUSED).poolPerServer(null).build())
                .as("ClusterConfig with poolPerServer=null")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("poolPerServer");
        assertThatThrownBy(() -> ClusterConfig.builder().primary("db-1", UNUSED).readPolicy(null).build())
                .as("ClusterConfig with readPolicy=null")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("readPolicy");
    }

    @Test
    @DisplayName("a healthCheckInterval or validationTimeout that is null, zero or negative is rejected, naming the field")
    void nonPositiveDurations() {
        for (Duration bad : new Duration[] {null, Duration.ZERO, Duration.ofSeconds(-1)}) {
            assertThatThrownBy(() -> ClusterConfig.builder().primary("db-1", UNUSED).healthCheckInterval(bad).build())
                    .as("ClusterConfig with healthCheckInterval=" + bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("healthCheckInterval");
            assertThatThrownBy(() -> ClusterConfig.builder().primary("db-1", UNUSED).validationTimeout(bad).build())
                    .as("ClusterConfig with validationTimeout=" + bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("validationTimeout");
        }
    }

    @Test
    @DisplayName("the configuration keeps its own copy of the server list")
    void serversAreCopied() {
        java.util.ArrayList<DatabaseServer> servers = new java.util.ArrayList<>(
                List.of(DatabaseServer.primary("db-1", UNUSED)));
        ClusterConfig config = new ClusterConfig(servers, poolkit.basic.PoolConfig.defaults(), ReadPolicy.ROUND_ROBIN,
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        servers.add(DatabaseServer.primary("db-2", UNUSED));
        assertThat(config.servers()).as("servers after the caller changed its list").hasSize(1);
    }
}
