package poolkit.faulttolerant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.basic.PoolConfig;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static poolkit.faulttolerant.H2Cluster.PRIMARY;
import static poolkit.faulttolerant.H2Cluster.REPLICA_1;
import static poolkit.faulttolerant.H2Cluster.REPLICA_2;

/** The health check runs every 100 ms here; the tests wait for its verdict (at most 30 s), never for a fixed time. */
@DisplayName("Task 5: background health checks take dead servers out and bring recovered ones back")
class HealthCheckTest {

    private static final Duration VERDICT = Duration.ofSeconds(30);

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

    private FaultTolerantPool startPool(int minConnections) {
        return new FaultTolerantPool(cluster.config()
                .poolPerServer(PoolConfig.builder().minConnections(minConnections).maxConnections(4)
                        .connectionTimeout(Duration.ofSeconds(30)).build())
                .healthCheckInterval(Duration.ofMillis(100))
                .build());
    }

    @Test
    @DisplayName("a replica that dies while nobody uses the pool is marked DOWN and its connections closed")
    void deadReplicaFoundWithoutTraffic() {
        pool = startPool(2);
        cluster.server(REPLICA_1).stop();

        await("the health checks to mark the stopped replica-1 DOWN, with no borrower").atMost(VERDICT)
                .untilAsserted(() -> assertThat(pool.status().server(REPLICA_1).state())
                        .as("replica-1's state after it was stopped, with health checks every 100 ms and no borrower "
                                + "(status: %s)", pool.status())
                        .isEqualTo(ServerState.DOWN));
        await("the connections to replica-1, DOWN, to be closed").atMost(VERDICT)
                .untilAsserted(() -> assertThat(cluster.tracker(REPLICA_1).open())
                .as("connections still open to replica-1, DOWN (status: %s)", pool.status()).isZero());
        assertThat(pool.status().server(PRIMARY).state()).as("the primary's state (it kept running)")
                .isEqualTo(ServerState.UP);
        assertThat(pool.status().server(REPLICA_2).state()).as("replica-2's state (it kept running)")
                .isEqualTo(ServerState.UP);
    }

    @Test
    @DisplayName("a replica that comes back is marked UP and serves reads again")
    void recoveredReplicaServesAgain() throws Exception {
        pool = startPool(1);
        cluster.server(REPLICA_1).stop();
        await("replica-1 marked DOWN").atMost(VERDICT).untilAsserted(() ->
                assertThat(pool.status().server(REPLICA_1).state()).as("replica-1's state after it was stopped "
                        + "(status: %s)", pool.status()).isEqualTo(ServerState.DOWN));

        cluster.server(REPLICA_1).startAgain();
        await("the health checks to mark replica-1 UP once it was started again").atMost(VERDICT)
                .untilAsserted(() -> assertThat(pool.status().server(REPLICA_1).state())
                        .as("replica-1's state after it was started again (status: %s)", pool.status())
                        .isEqualTo(ServerState.UP));
        Set<String> servedBy = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            servedBy.add(H2Cluster.readFrom(pool));
        }
        assertThat(servedBy).as("servers of 6 reads, round-robin, once replica-1 is back").contains(REPLICA_1, REPLICA_2);
    }

    @Test
    @DisplayName("a server that was down at start is brought in when it comes up")
    void serverDownAtStartJoinsLater() throws Exception {
        cluster.server(REPLICA_2).stop();
        pool = startPool(0);
        cluster.server(REPLICA_2).startAgain();
        await("the health checks to mark replica-2 UP once it started, down when the pool started").atMost(VERDICT)
                .untilAsserted(() -> assertThat(pool.status().server(REPLICA_2).state())
                        .as("replica-2's state after it started, having been down when the pool started (status: %s)",
                                pool.status())
                        .isEqualTo(ServerState.UP));
        Set<String> servedBy = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            servedBy.add(H2Cluster.readFrom(pool));
        }
        assertThat(servedBy).as("servers of 6 reads once replica-2 is up").contains(REPLICA_2);
    }

    @Test
    @DisplayName("a check that throws is recorded as the server's last failure, and the checks of every server go on")
    void checkThatThrowsDoesNotStopTheChecks() {
        AtomicBoolean factoryThrows = new AtomicBoolean();
        String thrown = "replica-1's connection factory threw, as the test told it to";
        pool = new FaultTolerantPool(cluster.config(name -> name.equals(REPLICA_1)
                        ? () -> {
                            if (factoryThrows.get()) {
                                throw new IllegalStateException(thrown);
                            }
                            return cluster.tracker(name).connect();
                        }
                        : cluster.tracker(name)::connect)
                .poolPerServer(PoolConfig.builder().minConnections(1).maxConnections(4)
                        .connectionTimeout(Duration.ofSeconds(30)).build())
                .healthCheckInterval(Duration.ofMillis(100))
                .build());
        factoryThrows.set(true);

        await("a health check to record the exception replica-1's factory throws").atMost(VERDICT)
                .untilAsserted(() -> assertThat(pool.status().server(REPLICA_1).lastFailure())
                        .as("replica-1's lastFailure while its factory throws an IllegalStateException at every "
                                + "connect (status: %s)", pool.status())
                        .contains(thrown));
        cluster.server(REPLICA_2).stop();
        await("the health checks, still running, to mark the stopped replica-2 DOWN").atMost(VERDICT)
                .untilAsserted(() -> assertThat(pool.status().server(REPLICA_2).state())
                        .as("replica-2's state after it was stopped, while replica-1's factory keeps throwing: one "
                                + "check that throws must end neither the checks to come nor those of the other "
                                + "servers (status: %s)", pool.status())
                        .isEqualTo(ServerState.DOWN));
    }

    @Test
    @DisplayName("the primary dies: marked DOWN, writes fail fast; it restarts: writes succeed again")
    void primaryRestartRestoresWrites() throws Exception {
        pool = startPool(1);
        cluster.server(PRIMARY).stop();
        await("the health checks to mark the stopped primary DOWN, with no borrower").atMost(VERDICT)
                .untilAsserted(() -> assertThat(pool.status().primary().state())
                        .as("the primary's state after it was stopped, with health checks every 100 ms and no "
                                + "borrower (status: %s)", pool.status())
                        .isEqualTo(ServerState.DOWN));

        long start = System.nanoTime();
        Throwable failure = catchThrowable(() -> H2Cluster.write(pool, "while the primary is down"));
        assertThat(failure).as("what a write got while the primary was DOWN").isInstanceOf(PrimaryUnavailableException.class);
        assertThat(failure.getMessage()).as("that exception's message").contains("primary unavailable");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time that write took to fail")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(H2Cluster.readFrom(pool)).as("server of a read while the primary is DOWN").isIn(REPLICA_1, REPLICA_2);

        cluster.server(PRIMARY).startAgain();
        await("the health checks to mark the primary UP once it was started again").atMost(VERDICT)
                .untilAsserted(() -> assertThat(pool.status().primary().state())
                        .as("the primary's state after it was started again (status: %s)", pool.status())
                        .isEqualTo(ServerState.UP));
        assertThat(H2Cluster.write(pool, "after the restart")).as("server that took a write after the restart")
                .isEqualTo(PRIMARY);
    }
}
