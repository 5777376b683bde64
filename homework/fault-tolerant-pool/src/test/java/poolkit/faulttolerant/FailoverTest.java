package poolkit.faulttolerant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.basic.PoolConfig;
import poolkit.testsupport.Concurrently;
import poolkit.testsupport.Summary;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static poolkit.faulttolerant.H2Cluster.PRIMARY;
import static poolkit.faulttolerant.H2Cluster.REPLICA_1;
import static poolkit.faulttolerant.H2Cluster.REPLICA_2;

/**
 * Failures found while lending, with the health check switched off (it runs once an hour here): the pool must
 * notice a dead server from the borrow itself.
 */
@DisplayName("Task 4: a failed server is taken out; reads carry on, writes fail fast")
class FailoverTest {

    /** Far below the per-server connectionTimeout (30 s): a write that fails only after that did not fail fast. */
    private static final Duration FAIL_FAST_BOUND = Duration.ofSeconds(10);

    private static H2Cluster cluster;
    private final ExecutorService readers = Executors.newFixedThreadPool(4);
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
        readers.shutdownNow();
        TestPools.closeAfterTest(pool);
        cluster.startAll();
    }

    @Test
    @DisplayName("the primary dies under a steady read load: not one read fails")
    void primaryDiesUnderReadLoad() throws Exception {
        pool = new FaultTolerantPool(cluster.config().build());
        H2Cluster.write(pool, "before the crash"); // the primary has connections open when it dies
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        List<Future<List<String>>> workers = new ArrayList<>();
        int readsAtCrash;
        try {
            for (int i = 0; i < 4; i++) {
                workers.add(readers.submit(() -> readUntilStopped(stop, reads)));
            }
            await("100 reads before the primary is killed").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(reads.get()).as("reads so far, failed ones counted too (status: %s)", pool.status())
                            .isGreaterThanOrEqualTo(100));
            cluster.server(PRIMARY).stop();
            readsAtCrash = reads.get();
            await("200 more reads after the primary was killed").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(reads.get() - readsAtCrash).as("reads since the primary was killed, failed ones "
                            + "counted too (status: %s)", pool.status()).isGreaterThanOrEqualTo(200));
        } finally {
            stop.set(true); // also when a wait above fails: the readers must not outlive the test
        }

        List<String> errors = new ArrayList<>();
        Concurrently.results(workers).forEach(errors::addAll);
        assertThat(errors.size()).as("read errors among %d reads by 4 threads, the primary killed after %d "
                + "(the replicas were up all along): %s", reads.get(), readsAtCrash, Summary.of(errors))
                .isZero();
    }

    /** Reads until told to stop; returns the errors instead of throwing, so every failed read is counted. */
    private List<String> readUntilStopped(AtomicBoolean stop, AtomicInteger reads) {
        List<String> errors = new ArrayList<>();
        while (!stop.get()) {
            try {
                H2Cluster.readFrom(pool);
            } catch (SQLException | RuntimeException e) {
                errors.add(e.toString());
            }
            reads.incrementAndGet();
        }
        return errors;
    }

    @Test
    @DisplayName("a write while the primary is dead fails fast with PrimaryUnavailableException, not after the acquire timeout")
    void writeFailsFastWhenThePrimaryDies() throws Exception {
        pool = new FaultTolerantPool(cluster.config().build());
        H2Cluster.write(pool, "before the crash"); // one idle connection to the primary, about to go stale
        cluster.server(PRIMARY).stop();

        for (int attempt = 1; attempt <= 2; attempt++) {
            long start = System.nanoTime();
            Throwable failure = catchThrowable(() -> H2Cluster.write(pool, "after the crash"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(failure).as("what write %d got while the primary was stopped", attempt)
                    .isInstanceOf(PrimaryUnavailableException.class);
            assertThat(failure.getMessage()).as("message of write %d's exception", attempt)
                    .contains("primary unavailable").contains(PRIMARY);
            assertThat(took).as("time write %d took to fail (the primary's connectionTimeout is 30 s)", attempt)
                    .isLessThan(FAIL_FAST_BOUND);
        }
        assertThat(pool.status().primary().state()).as("primary's state after a write found it dead")
                .isEqualTo(ServerState.DOWN);
        assertThat(pool.status().primary().lastFailure()).as("primary's lastFailure after it failed").isNotBlank();
    }

    @Test
    @DisplayName("a primary restarted between two health checks: its dead connections are replaced, the next write succeeds")
    void primaryRestartedBetweenHealthChecks() throws Exception {
        pool = new FaultTolerantPool(cluster.config()
                .poolPerServer(PoolConfig.builder().minConnections(2).maxConnections(4)
                        .connectionTimeout(Duration.ofSeconds(30)).build())
                .build());
        H2Cluster.write(pool, "before the restart");
        cluster.server(PRIMARY).stop(); // every connection the pool holds to the primary is now dead
        cluster.server(PRIMARY).startAgain();

        assertThat(H2Cluster.write(pool, "after the restart"))
                .as("server of the first write after the primary restarted (it is up: one dead connection does not "
                        + "prove a dead server)").isEqualTo(PRIMARY);
        assertThat(pool.status().primary().state()).as("the primary's state after that write").isEqualTo(ServerState.UP);
    }

    @Test
    @DisplayName("connections to a failed server are evicted: closed, and never lent again")
    void connectionsToAFailedServerAreEvicted() throws Exception {
        pool = new FaultTolerantPool(cluster.config()
                .poolPerServer(PoolConfig.builder().minConnections(3).maxConnections(4)
                        .connectionTimeout(Duration.ofSeconds(30)).build())
                .build());
        assertThat(cluster.tracker(PRIMARY).open()).as("connections open to the primary after start").isEqualTo(3);
        cluster.server(PRIMARY).stop();

        Throwable failure = catchThrowable(() -> H2Cluster.write(pool, "finds the primary dead"));
        assertThat(failure).as("what the write got with the primary stopped (an SQLException, the pool's own or the "
                + "driver's; anything else ends the test here rather than after the 20 s wait below)")
                .isInstanceOf(SQLException.class);

        await("the connections to the dead primary to be closed").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(cluster.tracker(PRIMARY).open())
                        .as("physical connections still open to the dead primary after a write found it dead "
                                + "(status: %s)", pool.status())
                        .isZero());
        assertThat(pool.status().primary().pool().total()).as("connections the pool holds to the DOWN primary").isZero();
    }

    @Test
    @DisplayName("a replica dies: reads move to the other replica without a single error, and it is marked DOWN")
    void readsMoveOffADeadReplica() throws Exception {
        pool = new FaultTolerantPool(cluster.config().build());
        for (int i = 0; i < 4; i++) {
            H2Cluster.readFrom(pool); // both replicas now have an idle connection, about to go stale
        }
        cluster.server(REPLICA_1).stop();

        List<String> servedBy = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            servedBy.add(H2Cluster.readFrom(pool));
        }
        assertThat(servedBy).as("servers of 10 reads after replica-1 was stopped").containsOnly(REPLICA_2);
        assertThat(pool.status().server(REPLICA_1).state()).as("replica-1's state after reads found it dead")
                .isEqualTo(ServerState.DOWN);
        await("the connections to the dead replica-1 to be closed").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(cluster.tracker(REPLICA_1).open()).as("connections still open to the dead replica-1 "
                        + "(status: %s)", pool.status()).isZero());
        assertThat(pool.status().primary().pool().active()).as("primary connections lent for reads").isZero();
    }

    @Test
    @DisplayName("a replica whose new connections fail isValid too (it answers false) is marked DOWN; reads go to the other")
    void replicaWhoseNewConnectionsFailValidation() throws Exception {
        readsAvoidAReplicaThatCannotServe(false);
    }

    @Test
    @DisplayName("a replica whose connections' isValid throws is treated as dead: marked DOWN; reads go to the other")
    void replicaWhoseValidationThrows() throws Exception {
        readsAvoidAReplicaThatCannotServe(true);
    }

    private void readsAvoidAReplicaThatCannotServe(boolean throwing) throws Exception {
        String validation = throwing ? "isValid throws" : "isValid answers false";
        pool = new FaultTolerantPool(cluster.config(name -> name.equals(REPLICA_1)
                ? H2Cluster.failingValidation(cluster.tracker(name)::connect, throwing)
                : cluster.tracker(name)::connect).build());
        List<String> servedBy = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            servedBy.add(H2Cluster.readFrom(pool));
        }
        assertThat(servedBy).as("servers of 4 reads, replica-1 accepting connections on which %s, every time "
                + "(status: %s)", validation, pool.status()).containsOnly(REPLICA_2);
        assertThat(pool.status().server(REPLICA_1).state()).as("replica-1's state once even a new connection to it "
                + "failed validation (%s; status: %s)", validation, pool.status()).isEqualTo(ServerState.DOWN);
        await("the connections to replica-1, DOWN, to be closed").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(cluster.tracker(REPLICA_1).open()).as("connections still open to replica-1, DOWN because "
                        + "its connections fail validation (status: %s)", pool.status()).isZero());
    }

    @Test
    @DisplayName("every replica dead: reads go to the primary")
    void readsFallBackToThePrimary() throws Exception {
        pool = new FaultTolerantPool(cluster.config().build());
        cluster.server(REPLICA_1).stop();
        cluster.server(REPLICA_2).stop();
        for (int i = 0; i < 4; i++) {
            assertThat(H2Cluster.readFrom(pool)).as("server of read %d with both replicas stopped", i).isEqualTo(PRIMARY);
        }
        assertThat(pool.status().server(REPLICA_1).state()).as("replica-1's state").isEqualTo(ServerState.DOWN);
        assertThat(pool.status().server(REPLICA_2).state()).as("replica-2's state").isEqualTo(ServerState.DOWN);
    }

    @Test
    @DisplayName("every server dead: a read fails with an SQLException that says no server can serve it")
    void noServerLeft() {
        pool = new FaultTolerantPool(cluster.config().build());
        cluster.server(PRIMARY).stop();
        cluster.server(REPLICA_1).stop();
        cluster.server(REPLICA_2).stop();
        long start = System.nanoTime();
        Throwable failure = catchThrowable(() -> H2Cluster.readFrom(pool));
        assertThat(failure).as("what a read got with every server stopped").isInstanceOf(SQLException.class);
        assertThat(failure.getMessage()).as("message of that read's exception").containsIgnoringCase("server");
        assertThat(failure.getSuppressed())
                .as("suppressed exceptions of that read's exception: the failure of each of the 3 servers it tried, "
                        + "so the caller sees why each one failed (exception: %s)", failure)
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("time the read took to fail (each server's connectionTimeout is 30 s; a connect to a stopped "
                        + "server is refused at once)")
                .isLessThan(Duration.ofSeconds(20));
    }
}
