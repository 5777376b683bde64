package poolkit.faulttolerant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.basic.PoolConfig;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static poolkit.faulttolerant.H2Cluster.PRIMARY;
import static poolkit.faulttolerant.H2Cluster.REPLICA_1;
import static poolkit.faulttolerant.H2Cluster.REPLICA_2;

@DisplayName("Task 2: the pool starts a pool per server and reports every server's state")
class StartAndStatusTest {

    private static H2Cluster cluster;
    private FaultTolerantPool pool;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new H2Cluster();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @BeforeEach
    void freshCounters() {
        cluster.freshTrackers();
    }

    @AfterEach
    void closePoolAndRestoreCluster() {
        TestPools.closeAfterTest(pool);
        cluster.startAll();
    }

    @Test
    @DisplayName("status() lists every server in configuration order, with its role, UP, and the read policy")
    void statusListsEveryServer() {
        pool = new FaultTolerantPool(cluster.config().readPolicy(ReadPolicy.LEAST_LOADED).build());
        ClusterStatus status = pool.status();

        assertThat(status.readPolicy()).as("status().readPolicy() of a pool configured LEAST_LOADED")
                .isEqualTo(ReadPolicy.LEAST_LOADED);
        assertThat(status.servers()).as("status().servers(): names in configuration order")
                .extracting(ServerStatus::name).containsExactly(PRIMARY, REPLICA_1, REPLICA_2);
        assertThat(status.servers()).as("status().servers(): roles")
                .extracting(ServerStatus::role).containsExactly(ServerRole.PRIMARY, ServerRole.REPLICA, ServerRole.REPLICA);
        assertThat(status.servers()).as("every server of a healthy cluster, just after start (status: %s)", status)
                .extracting(ServerStatus::state).containsOnly(ServerState.UP);
    }

    @Test
    @DisplayName("each server gets its own pool: minConnections are opened on every server, and status() shows them")
    void onePoolPerServer() {
        pool = new FaultTolerantPool(cluster.config()
                .poolPerServer(PoolConfig.builder().minConnections(2).maxConnections(4)
                        .connectionTimeout(Duration.ofSeconds(30)).build())
                .build());

        for (String name : new String[] {PRIMARY, REPLICA_1, REPLICA_2}) {
            assertThat(cluster.tracker(name).open())
                    .as("physical connections open to %s after start (minConnections is 2 per server)", name)
                    .isEqualTo(2);
            assertThat(pool.status().server(name).pool().total())
                    .as("status().server(\"%s\").pool().total() after start", name).isEqualTo(2);
            assertThat(pool.status().server(name).pool().idle())
                    .as("status().server(\"%s\").pool().idle() after start", name).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("close() closes every server's idle connections at once; isClosed() is false before, true after")
    void closeClosesEveryServersPool() {
        pool = new FaultTolerantPool(cluster.config()
                .poolPerServer(PoolConfig.builder().minConnections(2).maxConnections(4)
                        .connectionTimeout(Duration.ofSeconds(30)).build())
                .build());
        assertThat(pool.isClosed()).as("isClosed() of a pool just started").isFalse();

        pool.close();
        assertThat(pool.isClosed()).as("isClosed() after close()").isTrue();
        for (String name : new String[] {PRIMARY, REPLICA_1, REPLICA_2}) {
            assertThat(cluster.tracker(name).open())
                    .as("physical connections open to %s after close() (2 idle ones before; none lent)", name)
                    .isZero();
        }
    }

    @Test
    @DisplayName("a server that is down at start is DOWN with the reason; the pool still starts, the others UP")
    void serverDownAtStart() throws Exception {
        cluster.server(REPLICA_2).stop();
        pool = new FaultTolerantPool(cluster.config()
                .poolPerServer(PoolConfig.builder().minConnections(1).maxConnections(4)
                        .connectionTimeout(Duration.ofSeconds(30)).build())
                .build());

        ServerStatus down = pool.status().server(REPLICA_2);
        assertThat(down.state()).as("state of replica-2, stopped before the pool started (status: %s)", pool.status())
                .isEqualTo(ServerState.DOWN);
        assertThat(down.lastFailure()).as("lastFailure of replica-2, which refused every connection").isNotBlank();
        assertThat(down.pool().total()).as("connections held to replica-2, which is down").isZero();
        assertThat(pool.status().server(REPLICA_1).state()).as("state of replica-1, which is up")
                .isEqualTo(ServerState.UP);
        assertThat(pool.status().primary().lastFailure()).as("lastFailure of the primary, which never failed")
                .isNull();
        // That reads then go to replica-1 alone is routing, Task 3: RoutingTest.readsSkipAReplicaDownAtStart.
    }
}
