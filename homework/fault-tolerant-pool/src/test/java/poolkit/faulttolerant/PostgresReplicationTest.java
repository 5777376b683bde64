package poolkit.faulttolerant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import poolkit.basic.PoolConfig;
import poolkit.testsupport.Concurrently;
import poolkit.testsupport.Summary;
import poolkit.testsupport.PostgresChoice;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

/**
 * The whole story on a real PostgreSQL 17 primary and its streaming replica (see {@link StreamingReplication}):
 * writes on the primary are read back from the replica; the primary dies under a read load, and comes back.
 * These tests stop and start their own servers, so they run only with the embedded PostgreSQL (the default).
 */
@Tag("postgres")
@DisplayName("Tasks 3-5 on PostgreSQL: a real primary and its streaming replica")
class PostgresReplicationTest {

    private static StreamingReplication servers;
    private final ExecutorService readers = Executors.newFixedThreadPool(3);
    private FaultTolerantPool pool;

    @BeforeAll
    static void startPrimaryAndReplica() throws SQLException {
        Assumptions.assumeTrue(PostgresChoice.current() instanceof PostgresChoice.Embedded,
                "these tests stop and start their own PostgreSQL servers: they run with the embedded PostgreSQL only");
        servers = StreamingReplication.start();
        servers.primary.superuser().execute("CREATE TABLE trades (id BIGSERIAL PRIMARY KEY, note TEXT NOT NULL)");
        await("the trades table replicated").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(servers.replica.superuser().queryForLong(
                        "SELECT count(*) FROM pg_tables WHERE tablename = 'trades'"))
                        .as("tables named trades on the replica (streaming replication from the primary)").isEqualTo(1));
    }

    @AfterAll
    static void stopServers() {
        if (servers != null) {
            servers.close();
        }
    }

    @AfterEach
    void closePoolAndRestartPrimary() {
        readers.shutdownNow();
        TestPools.closeAfterTest(pool);
        servers.primary.startAgain();
    }

    private FaultTolerantPool startPool() {
        return new FaultTolerantPool(ClusterConfig.builder()
                .primary("pg-primary", servers.primary.superuser()::connect)
                .replica("pg-replica", servers.replica.superuser()::connect)
                .poolPerServer(PoolConfig.builder().minConnections(1).maxConnections(4)
                        .connectionTimeout(Duration.ofSeconds(30)).build())
                .healthCheckInterval(Duration.ofMillis(200))
                .build());
    }

    @Test
    @DisplayName("a row written through a READ_WRITE connection is read back through a READ_ONLY one, from the replica")
    void writtenOnThePrimaryReadFromTheReplica() throws Exception {
        pool = startPool();
        long id = insertTrade(pool, "replicated");

        await("trade " + id + ", written on the primary, to reach the standby").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(readTrade(pool, id))
                        .as("note of trade %d read through a READ_ONLY connection (status: %s)", id, pool.status())
                        .isEqualTo("replicated"));
        try (Connection read = pool.getConnection(Access.READ_ONLY)) {
            assertThat(isInRecovery(read)).as("a READ_ONLY connection leads to the standby (pg_is_in_recovery())")
                    .isTrue();
        }
        try (Connection write = pool.getConnection(Access.READ_WRITE)) {
            assertThat(isInRecovery(write)).as("a READ_WRITE connection leads to the primary (pg_is_in_recovery())")
                    .isFalse();
        }
    }

    @Test
    @DisplayName("the primary dies under a read load: no read fails, writes fail fast; it restarts: writes work again")
    void primaryDiesAndComesBack() throws Exception {
        pool = startPool();
        long before = insertTrade(pool, "before the crash");
        await("the trade written before the crash replicated").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(readTrade(pool, before)).as("note of trade %d read from the replica (status: %s)", before,
                        pool.status()).isEqualTo("before the crash"));

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        List<Future<List<String>>> workers = new ArrayList<>();
        int readsAtCrash;
        long after;
        try {
            for (int i = 0; i < 3; i++) {
                workers.add(readers.submit(() -> readUntilStopped(before, stop, reads)));
            }
            await("50 reads before the primary is stopped").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(reads.get()).as("reads so far, failed ones counted too (status: %s)", pool.status())
                            .isGreaterThanOrEqualTo(50));
            servers.primary.stop();
            readsAtCrash = reads.get();

            long start = System.nanoTime();
            Throwable failure = catchThrowable(() -> insertTrade(pool, "while the primary is down"));
            assertThat(failure).as("what a write got with the primary stopped")
                    .isInstanceOf(PrimaryUnavailableException.class);
            assertThat(failure.getMessage()).as("that exception's message").contains("primary unavailable");
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("time the write took to fail (connectionTimeout is 30 s)").isLessThan(Duration.ofSeconds(10));
            await("200 more reads after the primary was stopped").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(reads.get() - readsAtCrash).as("reads since the primary was stopped, failed ones "
                            + "counted too (status: %s)", pool.status()).isGreaterThanOrEqualTo(200));

            servers.primary.startAgain();
            await("the primary to be marked UP once it was started again").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(pool.status().primary().state())
                            .as("the primary's state after it was started again (status: %s)", pool.status())
                            .isEqualTo(ServerState.UP));
            after = insertTrade(pool, "after the restart");
        } finally {
            stop.set(true); // also when a check above fails: the readers must not outlive the test
        }
        List<String> errors = new ArrayList<>();
        Concurrently.results(workers).forEach(errors::addAll);
        assertThat(errors.size()).as("read errors among %d reads by 3 threads; the primary was stopped after %d and restarted: %s",
                reads.get(), readsAtCrash, Summary.of(errors))
                .isZero();
        await("trade " + after + ", written after the restart, to reach the standby").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(readTrade(pool, after))
                        .as("trade written after the restart, read from the replica (status: %s)", pool.status())
                        .isEqualTo("after the restart"));
    }

    private List<String> readUntilStopped(long id, AtomicBoolean stop, AtomicInteger reads) {
        List<String> errors = new ArrayList<>();
        while (!stop.get()) {
            try {
                if (!"before the crash".equals(readTrade(pool, id))) {
                    errors.add("trade " + id + " not found on the replica");
                }
            } catch (SQLException | RuntimeException e) {
                errors.add(e.toString());
            }
            reads.incrementAndGet();
        }
        return errors;
    }

    private static long insertTrade(FaultTolerantPool pool, String note) throws SQLException {
        try (Connection connection = pool.getConnection(Access.READ_WRITE);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO trades (note) VALUES (?) RETURNING id")) {
            insert.setString(1, note);
            try (ResultSet result = insert.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** The note of a trade, read through a READ_ONLY connection; null if the replica has not got it (yet). */
    private static String readTrade(FaultTolerantPool pool, long id) throws SQLException {
        try (Connection connection = pool.getConnection(Access.READ_ONLY);
             PreparedStatement select = connection.prepareStatement("SELECT note FROM trades WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        }
    }

    private static boolean isInRecovery(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT pg_is_in_recovery()")) {
            result.next();
            return result.getBoolean(1);
        }
    }
}
