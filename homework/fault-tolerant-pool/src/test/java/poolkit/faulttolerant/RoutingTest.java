package poolkit.faulttolerant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.basic.PoolConfig;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static poolkit.faulttolerant.H2Cluster.PRIMARY;
import static poolkit.faulttolerant.H2Cluster.REPLICA_1;
import static poolkit.faulttolerant.H2Cluster.REPLICA_2;

@DisplayName("Task 3: writes go to the primary, reads to the replicas by the read policy")
class RoutingTest {

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
    void closePool() {
        TestPools.closeAfterTest(pool);
    }

    @Test
    @DisplayName("READ_WRITE connections, and plain getConnection(), lead to the primary")
    void writesGoToThePrimary() throws Exception {
        pool = new FaultTolerantPool(cluster.config().build());
        for (int i = 0; i < 6; i++) {
            assertThat(H2Cluster.write(pool, "trade " + i)).as("server that took write %d", i).isEqualTo(PRIMARY);
        }
        try (Connection connection = pool.getConnection()) {
            assertThat(H2Cluster.serverOf(connection)).as("server of a plain getConnection() (a DataSource user's "
                    + "connection must be able to write)").isEqualTo(PRIMARY);
        }
    }

    @Test
    @DisplayName("ROUND_ROBIN: reads alternate between the replicas, evenly, and never touch the primary")
    void roundRobinSpreadsReadsEvenly() throws Exception {
        pool = new FaultTolerantPool(cluster.config().readPolicy(ReadPolicy.ROUND_ROBIN).build());
        List<String> servedBy = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            servedBy.add(H2Cluster.readFrom(pool));
        }
        Map<String, Long> reads = servedBy.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(reads).as("reads per server for 10 reads one after another, ROUND_ROBIN over 2 replicas (in order: %s)",
                servedBy).containsOnlyKeys(REPLICA_1, REPLICA_2).containsEntry(REPLICA_1, 5L).containsEntry(REPLICA_2, 5L);
        for (int i = 1; i < servedBy.size(); i++) {
            assertThat(servedBy.get(i)).as("read %d went to the same replica as read %d (in order: %s)", i, i - 1, servedBy)
                    .isNotEqualTo(servedBy.get(i - 1));
        }
    }

    @Test
    @DisplayName("LEAST_LOADED: each read goes to the replica with the fewest connections lent out")
    void leastLoadedBalancesHeldConnections() throws Exception {
        pool = new FaultTolerantPool(cluster.config().readPolicy(ReadPolicy.LEAST_LOADED).build());
        List<Connection> held = new ArrayList<>();
        try {
            Connection first = pool.getConnection(Access.READ_ONLY);
            held.add(first);
            String busy = H2Cluster.serverOf(first);
            String other = busy.equals(REPLICA_1) ? REPLICA_2 : REPLICA_1;
            assertThat(busy).as("server of the first read").isIn(REPLICA_1, REPLICA_2);

            Connection second = pool.getConnection(Access.READ_ONLY);
            held.add(second);
            assertThat(H2Cluster.serverOf(second))
                    .as("server of a read while %s has 1 connection lent and %s none", busy, other).isEqualTo(other);

            for (int i = 0; i < 4; i++) {
                held.add(pool.getConnection(Access.READ_ONLY));
            }
            assertThat(pool.status().server(REPLICA_1).pool().active())
                    .as("connections lent by replica-1 with 6 reads held, LEAST_LOADED (status: %s)", pool.status())
                    .isEqualTo(3);
            assertThat(pool.status().server(REPLICA_2).pool().active())
                    .as("connections lent by replica-2 with 6 reads held, LEAST_LOADED (status: %s)", pool.status())
                    .isEqualTo(3);

            held.remove(0).close(); // the busy replica now has one fewer
            try (Connection next = pool.getConnection(Access.READ_ONLY)) {
                assertThat(H2Cluster.serverOf(next)).as("server of a read after a connection of %s came back", busy)
                        .isEqualTo(busy);
            }
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        assertThat(pool.status().primary().pool().active()).as("primary connections lent for reads while replicas were up")
                .isZero();
    }

    @Test
    @DisplayName("reads skip a replica that was down when the pool started, and go to the one that is up")
    void readsSkipAReplicaDownAtStart() throws Exception {
        cluster.server(REPLICA_2).stop();
        try {
            pool = new FaultTolerantPool(cluster.config()
                    .poolPerServer(PoolConfig.builder().minConnections(1).maxConnections(4)
                            .connectionTimeout(Duration.ofSeconds(30)).build())
                    .build());
            for (int i = 0; i < 4; i++) {
                assertThat(H2Cluster.readFrom(pool)).as("server of read %d while replica-2 is down (status: %s)", i,
                        pool.status()).isEqualTo(REPLICA_1);
            }
        } finally {
            cluster.startAll();
        }
    }

    @Test
    @DisplayName("with no replica configured, reads go to the primary")
    void readsFallBackToThePrimaryWithoutReplicas() throws Exception {
        pool = new FaultTolerantPool(ClusterConfig.builder()
                .primary(PRIMARY, cluster.tracker(PRIMARY)::connect)
                .poolPerServer(cluster.config().build().poolPerServer())
                .build());
        assertThat(H2Cluster.readFrom(pool)).as("server of a read in a cluster of just a primary").isEqualTo(PRIMARY);
    }

    @Test
    @DisplayName("connections the pool lends are real, working JDBC connections that give themselves back on close")
    void connectionsAreGivenBack() throws Exception {
        pool = new FaultTolerantPool(cluster.config().build());
        for (int i = 0; i < 20; i++) {
            H2Cluster.readFrom(pool);
            H2Cluster.write(pool, "round trip " + i);
        }
        for (ServerStatus server : pool.status().servers()) {
            assertThat(server.pool().active()).as("connections still lent by %s after every borrower closed its own",
                    server.name()).isZero();
            assertThat(server.pool().total()).as("connections opened to %s for 20 reads or writes, one at a time "
                    + "(they must be reused)", server.name()).isLessThanOrEqualTo(1);
        }
    }
}
