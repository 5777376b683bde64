package poolkit.faulttolerant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.basic.PoolConfig;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static poolkit.faulttolerant.H2Cluster.PRIMARY;
import static poolkit.faulttolerant.H2Cluster.REPLICA_1;
import static poolkit.faulttolerant.H2Cluster.REPLICA_2;

@DisplayName("Task 6: closing the pool closes every server's connections and stops the health checks")
class CloseTest {

    private static H2Cluster cluster;

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

    @Test
    @DisplayName("close() closes the idle connections of every server at once, and lent ones when they come back")
    void closesEveryServersConnections() throws Exception {
        FaultTolerantPool pool = new FaultTolerantPool(cluster.config()
                .poolPerServer(PoolConfig.builder().minConnections(2).maxConnections(4)
                        .connectionTimeout(Duration.ofSeconds(30)).build())
                .healthCheckInterval(Duration.ofMillis(100))
                .build());
        Connection lent = pool.getConnection(Access.READ_ONLY);
        pool.close();

        assertThat(pool.isClosed()).as("isClosed() after close()").isTrue();
        assertThat(H2Cluster.serverOf(lent)).as("a connection lent before close() keeps working until it is given back")
                .isIn(REPLICA_1, REPLICA_2);
        lent.close();
        for (String name : new String[] {PRIMARY, REPLICA_1, REPLICA_2}) {
            await("the connections to " + name + " to be closed after close() and the last give-back")
                    .atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(cluster.tracker(name).open())
                    .as("physical connections open to %s after close() and the last give-back", name).isZero());
        }
    }

    @Test
    @DisplayName("after close(), reads and writes fail at once with a message that says the pool is closed")
    void closedPoolRefusesToLend() {
        FaultTolerantPool pool = new FaultTolerantPool(cluster.config().build());
        pool.close();
        pool.close(); // closing twice is harmless
        for (Access access : Access.values()) {
            assertThatThrownBy(() -> pool.getConnection(access))
                    .as("getConnection(%s) after close()", access)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("closed");
        }
    }
}
