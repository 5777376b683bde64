package poolkit.health;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.Concurrently;
import poolkit.testsupport.EmbeddedPostgresServer;
import poolkit.testsupport.PostgresChoice;
import poolkit.testsupport.TestDatabase;
import poolkit.testsupport.TrackingConnectionFactory;
import poolkit.testsupport.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static poolkit.health.HealthTestPools.PATIENCE;
import static poolkit.health.HealthTestPools.config;
import static poolkit.health.HealthTestPools.maxRefillRounds;
import static poolkit.health.HealthTestPools.patiently;
import static poolkit.health.HealthTestPools.uniqueName;

/**
 * Real faults on a real PostgreSQL: backends killed from another session, and the server stopped and started again.
 * The class has an embedded server of its own, whatever {@code poolkit.db} chooses (it is skipped only with
 * {@code none}), since it takes the server away. Each pool tags its connections with its name as
 * application_name, so the tests can find (and kill) exactly that pool's backends.
 */
@Tag("postgres")
@DisplayName("Real faults on PostgreSQL")
class PostgresFaultsTest {

    private static final Duration PG_PATIENCE = Duration.ofSeconds(30);
    private static EmbeddedPostgresServer server;

    @BeforeAll
    static void startServer() {
        Assumptions.assumeFalse(PostgresChoice.current() instanceof PostgresChoice.None,
                "PostgreSQL tests are switched off (" + PostgresChoice.PROPERTY + "=none)");
        server = EmbeddedPostgresServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @DisplayName("Task 2: a validation query slower than validationTimeout means dead, and does not wait it out")
    void slowValidationQuery() throws Exception {
        for (Duration timeout : List.of(Duration.ofSeconds(1), Duration.ofMillis(500))) {
            ConnectionValidator validator = new ConnectionValidator(timeout, "SELECT pg_sleep(30)");
            try (Connection connection = server.superuser().connect()) {
                long start = System.nanoTime();
                boolean alive = validator.isAlive(connection);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(alive).as("isAlive with a validation query that takes 30 s and a validationTimeout of "
                        + timeout.toMillis() + " ms").isFalse();
                assertThat(took).as("time isAlive took with a validationTimeout of " + timeout.toMillis() + " ms and "
                        + "a 30 s query: set the query timeout (Statement.setQueryTimeout), in whole seconds rounded "
                        + "up, since 0 s means no limit").isLessThan(PATIENCE);
            }
        }
    }

    @Test
    @DisplayName("Task 4: after the pool's backends are killed, every borrower gets a working connection")
    void borrowersNeverGetKilledConnections() throws Exception {
        String name = uniqueName("pg-borrow");
        TrackingConnectionFactory factory = new TrackingConnectionFactory(database(name));
        try (HealthCheckedPool pool = new HealthCheckedPool(config(name).minConnections(3).maxConnections(3)
                .validateOnBorrowAfter(Duration.ZERO).build(), factory::connect)) {
            assertThat(backendsOf(name)).as("backends of the pool before the kill").hasSize(3);
            killBackendsOf(name);

            Concurrently.run(3, 9, index -> {
                try (Connection connection = pool.getConnection()) {
                    return Sql.selectOne(connection);
                }
            });
            assertThat(pool.events().failures()).as("validations that found a killed connection dead (events: "
                    + pool.events() + ")").isEqualTo(3);
            assertThat(factory.open()).as("physical connections open").isLessThanOrEqualTo(3);
        }
    }

    @Test
    @DisplayName("Task 6: killed backends are evicted and replaced in the background, with nobody borrowing")
    void killedBackendsAreReplaced() throws Exception {
        String name = uniqueName("pg-kill");
        TrackingConnectionFactory factory = new TrackingConnectionFactory(database(name));
        try (HealthCheckedPool pool = new HealthCheckedPool(config(name).minConnections(3).maxConnections(5)
                .healthCheckInterval(Duration.ofMillis(100)).build(), factory::connect)) {
            Set<Integer> killed = killBackendsOf(name);

            patiently("the health checker to replace the 3 killed backends", pool, 6, PG_PATIENCE).untilAsserted(() -> {
                Set<Integer> now = backendsOf(name);
                assertThat(now).as("backends of the pool after its 3 were killed with pg_terminate_backend "
                        + "(minConnections is 3; " + pool + ")")
                        .hasSize(3)
                        .doesNotContainAnyElementsOf(killed);
                assertThat(pool.stats().total()).as("connections the pool owns").isEqualTo(3);
            });
            assertThat(pool.events().evictions()).as("evictions (events: " + pool.events() + ")").isEqualTo(3);
            assertThat(factory.open()).as("physical connections open").isEqualTo(3);
        }
    }

    @Test
    @DisplayName("Task 6: through a server restart: evicted, backing off while down, min restored once it is back")
    void serverRestart() throws Exception {
        String name = uniqueName("pg-restart");
        int min = 2;
        Duration initial = Duration.ofMillis(200);
        Duration max = Duration.ofMillis(1600);
        TrackingConnectionFactory factory = new TrackingConnectionFactory(database(name));
        try (HealthCheckedPool pool = new HealthCheckedPool(config(name).minConnections(min)
                .healthCheckInterval(Duration.ofMillis(100)).refillBackoffInitial(initial).refillBackoffMax(max)
                .build(), factory::connect)) {
            int attemptsBefore = factory.connectAttempts();
            long downSince = System.nanoTime();
            server.stop();

            patiently("the pool to evict the stopped server's connections and try 2 refills", pool, 6, PG_PATIENCE).untilAsserted(() -> {
                assertThat(pool.events().evictions()).as("connections evicted after the server stopped (events: "
                        + pool.events() + ")").isEqualTo(min);
                assertThat(factory.connectAttempts() - attemptsBefore).as("refill attempts while the server is down")
                        .isGreaterThanOrEqualTo(2);
            });
            int attempts = factory.connectAttempts() - attemptsBefore;
            Duration down = Duration.ofNanos(System.nanoTime() - downSince);
            assertThat(attempts).as("connect attempts in the " + down.toMillis() + " ms the server was down, with "
                    + "refillBackoffInitial " + initial.toMillis() + " ms doubling up to " + max.toMillis() + " ms")
                    .isLessThanOrEqualTo(min * (maxRefillRounds(down, initial, max) + 1));

            server.startAgain();
            patiently("the pool back at minConnections once the server is up again", pool, 6, PG_PATIENCE).untilAsserted(() -> {
                assertThat(backendsOf(name)).as("backends of the pool once the server is back (minConnections is "
                        + min + "; " + pool + ")").hasSize(min);
                assertThat(pool.stats().total()).as("connections the pool owns").isEqualTo(min);
            });
            for (int i = 0; i < min; i++) {
                try (Connection connection = pool.getConnection()) {
                    assertThat(Sql.selectOne(connection)).as("SELECT 1 after the restart").isEqualTo(1);
                }
            }
        } finally {
            server.startAgain();
        }
    }

    /** The server's postgres database, with connections that show the pool's name as their application_name. */
    private static TestDatabase database(String poolName) {
        TestDatabase superuser = server.superuser();
        return new TestDatabase(superuser.engine(), superuser.jdbcUrl() + "?ApplicationName=" + poolName,
                superuser.user(), superuser.password());
    }

    private static Set<Integer> backendsOf(String poolName) throws SQLException {
        try (Connection admin = server.superuser().connect();
             PreparedStatement query = admin.prepareStatement(
                     "SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
            query.setString(1, poolName);
            Set<Integer> pids = new HashSet<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    pids.add(result.getInt(1));
                }
            }
            return pids;
        }
    }

    /**
     * Kills the pool's backends from another session, as an administrator or a failover would, and waits until
     * they are gone. Returns their process ids.
     */
    private static Set<Integer> killBackendsOf(String poolName) throws Exception {
        Set<Integer> victims = backendsOf(poolName);
        try (Connection admin = server.superuser().connect();
             PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     + "WHERE application_name = ? AND pid <> pg_backend_pid()")) {
            kill.setString(1, poolName);
            kill.executeQuery().close();
        }
        await("the killed backends to exit").atMost(PG_PATIENCE)
                .until(() -> backendsOf(poolName).stream().noneMatch(victims::contains));
        return victims;
    }
}
