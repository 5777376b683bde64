package poolkit.health;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.Concurrently;
import poolkit.testsupport.H2TcpServer;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;
import poolkit.testsupport.Sql;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static poolkit.health.HealthTestPools.PATIENCE;
import static poolkit.health.HealthTestPools.config;
import static poolkit.health.HealthTestPools.maxRefillRounds;
import static poolkit.health.HealthTestPools.poolThreads;
import static poolkit.health.HealthTestPools.uniqueName;

@DisplayName("Task 6: the pool refills to minConnections, backing off while the database is down")
class RefillTest {

    private static final Duration CHECK_INTERVAL = Duration.ofMillis(50);
    private static final Duration BACKOFF_INITIAL = Duration.ofMillis(200);
    private static final Duration BACKOFF_MAX = Duration.ofMillis(1600);
    /** How long the database stays down in the backoff test: long enough that flooding would show. */
    private static final Duration DOWNTIME = Duration.ofSeconds(3);

    private static H2TcpServer server;

    private final TrackingConnectionFactory factory = new TrackingConnectionFactory(TestDatabases.h2());
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @BeforeAll
    static void startServer() {
        server = H2TcpServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void stopWorkers() {
        executor.shutdownNow();
    }

    @Test
    @DisplayName("after dead connections are evicted, the pool opens new ones in the background, up to min")
    void refillsAfterEvictions() throws Exception {
        try (HealthCheckedPool pool = new HealthCheckedPool(config(uniqueName("refill")).minConnections(3)
                .maxConnections(5).healthCheckInterval(CHECK_INTERVAL).build(), factory::connect)) {
            pool.runHealthCheck(); // Task 5 first: the refill follows the health check
            for (Connection physical : factory.physicalConnections()) {
                physical.close();
            }

            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(pool.stats().total()).as("connections the pool owns after all 3 died and nobody borrowed "
                        + "(minConnections is 3; stats: " + pool.stats() + ", events: " + pool.events() + ")")
                        .isEqualTo(3);
                assertThat(factory.open()).as("physical connections open").isEqualTo(3);
            });
            assertThat(pool.events().refills()).as("connections opened by refills (events: " + pool.events() + ")")
                    .isGreaterThanOrEqualTo(3);
            borrowAllAndQuery(pool, 3);
        }
    }

    @Test
    @DisplayName("while the database is down, refills back off exponentially; once it is back, min is restored")
    void backsOffWhileDownAndRecovers() throws Exception {
        int min = 2;
        TrackingConnectionFactory remote = new TrackingConnectionFactory(server.database(uniqueName("down")));
        try (HealthCheckedPool pool = new HealthCheckedPool(config(uniqueName("down")).minConnections(min)
                .healthCheckInterval(CHECK_INTERVAL).refillBackoffInitial(BACKOFF_INITIAL)
                .refillBackoffMax(BACKOFF_MAX).build(), remote::connect)) {
            pool.runHealthCheck(); // Task 5 first: the refill follows the health check
            int attemptsBefore = remote.connectAttempts();
            long downSince = System.nanoTime();
            server.stop();

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(remote.connectAttempts() - attemptsBefore)
                    .as("connect attempts to refill the pool while the database is down (it must keep trying; "
                            + "events: " + pool.events() + ")")
                    .isGreaterThanOrEqualTo(2));
            await("the database to have been down for " + DOWNTIME.toSeconds() + " s").atMost(PATIENCE)
                    .until(() -> System.nanoTime() - downSince >= DOWNTIME.toNanos());
            int attempts = remote.connectAttempts() - attemptsBefore;
            Duration down = Duration.ofNanos(System.nanoTime() - downSince);
            int allowed = min * (maxRefillRounds(down, BACKOFF_INITIAL, BACKOFF_MAX) + 1);
            assertThat(attempts).as("connect attempts in the " + down.toMillis() + " ms the database was down, with "
                    + "refillBackoffInitial " + BACKOFF_INITIAL.toMillis() + " ms doubling up to "
                    + BACKOFF_MAX.toMillis() + " ms (health checks every " + CHECK_INTERVAL.toMillis() + " ms): "
                    + "retrying at every check floods a database that is trying to come back")
                    .isLessThanOrEqualTo(allowed);

            server.startAgain();
            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(pool.stats().total()).as("connections the pool owns once the database is back "
                        + "(minConnections is " + min + "; stats: " + pool.stats() + ", events: " + pool.events() + ")")
                        .isEqualTo(min);
                assertThat(remote.open()).as("physical connections open").isEqualTo(min);
            });
            borrowAllAndQuery(pool, min);
        } finally {
            server.startAgain();
        }
    }

    @Test
    @DisplayName("a connect that throws a RuntimeException does not stop the background work")
    void runtimeExceptionDoesNotKillTheChecker() throws Exception {
        AtomicInteger crashesLeft = new AtomicInteger();
        try (HealthCheckedPool pool = new HealthCheckedPool(config(uniqueName("crash")).minConnections(1)
                .healthCheckInterval(CHECK_INTERVAL).build(), () -> {
                    if (crashesLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new IllegalStateException("a driver bug: the factory threw a RuntimeException");
                    }
                    return factory.connect();
                })) {
            pool.runHealthCheck(); // Task 5 first: the refill follows the health check
            crashesLeft.set(2);
            factory.physicalConnections().get(0).close();

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(factory.open())
                    .as("physical connections open after the only one died and the next 2 connects threw "
                            + "IllegalStateException: an exception that escapes a scheduled task cancels every "
                            + "later run, silently (stats: " + pool.stats() + ", events: " + pool.events() + ")")
                    .isEqualTo(1));
            assertThat(crashesLeft.get()).as("connects left to crash").isZero();
            borrowAllAndQuery(pool, 1);
        }
    }

    @Test
    @DisplayName("a refill still connecting when the pool closes leaves no connection open and no thread behind")
    void closeDuringRefill() throws Exception {
        String name = uniqueName("late");
        HealthCheckedPool pool = new HealthCheckedPool(config(name).minConnections(1)
                .healthCheckInterval(CHECK_INTERVAL).build(), factory::connect);
        pool.runHealthCheck(); // Task 5 first: the refill follows the health check
        TrackingConnectionFactory.ConnectGate gate = factory.holdConnects();
        Future<Void> closing;
        try {
            factory.physicalConnections().get(0).close();
            await("a refill to start connecting after the only connection died").atMost(PATIENCE)
                    .until(() -> gate.waiting() == 1);
            closing = executor.submit(() -> {
                pool.close();
                return null;
            });
        } finally {
            gate.open();
        }
        Concurrently.result(closing);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(poolThreads(name)).as("threads of the pool after close()").isEmpty();
            assertThat(factory.open()).as("physical connections open after close(), including one a refill was "
                    + "opening when the pool closed (stats: " + pool.stats() + ")").isZero();
        });
    }

    private static void borrowAllAndQuery(HealthCheckedPool pool, int count) throws Exception {
        List<Connection> borrowed = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                borrowed.add(pool.getConnection());
                assertThat(Sql.selectOne(borrowed.get(i))).as("SELECT 1 on connection " + (i + 1) + " of " + count
                        + " borrowed after recovery").isEqualTo(1);
            }
        } finally {
            for (Connection connection : borrowed) {
                connection.close();
            }
        }
    }
}
