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
import static poolkit.health.HealthTestPools.config;
import static poolkit.health.HealthTestPools.maxRefillRounds;
import static poolkit.health.HealthTestPools.patiently;
import static poolkit.health.HealthTestPools.poolThreads;
import static poolkit.health.HealthTestPools.uniqueName;

@DisplayName("Task 6: the pool refills to minConnections, backing off while the database is down")
class RefillTest {

    private static final Duration CHECK_INTERVAL = Duration.ofMillis(50);
    private static final Duration BACKOFF_INITIAL = Duration.ofMillis(200);
    private static final Duration BACKOFF_MAX = Duration.ofMillis(1600);
    /**
     * How much shorter than the expected pause a measured one may be: the test times each attempt when the connect
     * starts, a pool may time its pause from a moment earlier. Far below a check interval, so that retrying at every
     * check still shows.
     */
    private static final Duration PAUSE_TOLERANCE = Duration.ofMillis(20);
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

            patiently("the pool to refill to its 3 minConnections after all 3 died", pool, 6).untilAsserted(() -> {
                assertThat(pool.stats().total()).as("connections the pool owns after all 3 died and nobody borrowed "
                        + "(minConnections is 3; " + pool + ")")
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

            patiently("2 refill attempts while the database is down", pool, 6).untilAsserted(() -> assertThat(remote.connectAttempts() - attemptsBefore)
                    .as("connect attempts to refill the pool while the database is down (it must keep trying; "
                            + pool + ")")
                    .isGreaterThanOrEqualTo(2));
            patiently("the database to have been down for " + DOWNTIME.toSeconds() + " s", pool, 6)
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
            patiently("the pool back at minConnections once the database is up again", pool, 6).untilAsserted(() -> {
                assertThat(pool.stats().total()).as("connections the pool owns once the database is back "
                        + "(minConnections is " + min + "; " + pool + ")")
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

            patiently("a new connection once the factory stops throwing", pool, 6).untilAsserted(() -> assertThat(factory.open())
                    .as("physical connections open after the only one died and the next 2 connects threw "
                            + "IllegalStateException: an exception that escapes a scheduled task cancels every "
                            + "later run, silently (" + pool + ")")
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
            patiently("a refill to start connecting after the only connection died", pool, 6)
                    .until(() -> gate.waiting() == 1);
            closing = executor.submit(() -> {
                pool.close();
                return null;
            });
        } finally {
            gate.open();
        }
        Concurrently.result(closing);
        patiently("the pool's threads to end and every connection to close after close()", pool, 6).untilAsserted(() -> {
            assertThat(poolThreads(name)).as("threads of the pool after close()").isEmpty();
            assertThat(factory.open()).as("physical connections open after close(), including one a refill was "
                    + "opening when the pool closed (" + pool + ")").isZero();
        });
    }

    @Test
    @DisplayName("after a failed connect the refill waits refillBackoffInitial, and twice as long after each failure")
    void pausesStartAtTheInitialBackoffAndDouble() throws Exception {
        Duration initial = Duration.ofMillis(200);
        Duration max = Duration.ofMillis(800);
        TimedConnects connects = new TimedConnects(factory);
        try (HealthCheckedPool pool = new HealthCheckedPool(config(uniqueName("pauses")).minConnections(1)
                .healthCheckInterval(CHECK_INTERVAL).refillBackoffInitial(initial).refillBackoffMax(max).build(),
                connects::connect)) {
            pool.runHealthCheck(); // Task 5 first: the refill follows the health check
            int first = connects.attempts();
            factory.failAllConnects(true); // the database now refuses every connect, at once
            factory.physicalConnections().get(0).close();

            patiently("4 refill attempts while every connect fails", pool, 6)
                    .until(() -> connects.attempts() - first >= 4);
            List<Duration> pauses = connects.pausesFrom(first);
            Duration expected = initial;
            for (int i = 0; i < 3; i++) {
                assertThat(pauses.get(i)).as("pause " + (i + 1) + " between refill attempts while every connect "
                        + "fails at once, with refillBackoffInitial " + initial.toMillis() + " ms and refillBackoffMax "
                        + max.toMillis() + " ms (health checks every " + CHECK_INTERVAL.toMillis() + " ms; pauses: "
                        + connects.describePausesFrom(first) + "): after a failure, wait refillBackoffInitial, then "
                        + "twice as long after each further failure; retrying at every check floods a database "
                        + "that is trying to come back").isGreaterThanOrEqualTo(expected.minus(PAUSE_TOLERANCE));
                expected = expected.multipliedBy(2).compareTo(max) > 0 ? max : expected.multipliedBy(2);
            }

            factory.failAllConnects(false);
            patiently("the pool back at its 1 connection once connects succeed again", pool, 6).untilAsserted(() -> assertThat(pool.stats().total())
                    .as("connections the pool owns once connects succeed again (minConnections is 1; " + pool + ")")
                    .isEqualTo(1));
        }
    }

    @Test
    @DisplayName("the pause between refill attempts stops growing at refillBackoffMax")
    void pausesStopGrowingAtTheMax() throws Exception {
        Duration initial = Duration.ofMillis(50);
        Duration max = Duration.ofMillis(100);
        int attempts = 12;
        TimedConnects connects = new TimedConnects(factory);
        try (HealthCheckedPool pool = new HealthCheckedPool(config(uniqueName("capped")).minConnections(1)
                .healthCheckInterval(CHECK_INTERVAL).refillBackoffInitial(initial).refillBackoffMax(max).build(),
                connects::connect)) {
            pool.runHealthCheck(); // Task 5 first: the refill follows the health check
            int first = connects.attempts();
            factory.failAllConnects(true);
            factory.physicalConnections().get(0).close();

            // Capped, 12 attempts take about 11 pauses of at most 100 ms and a check interval; doubling without
            // a cap, they would take 50 ms * (2^11 - 1), over a minute and a half.
            patiently(attempts + " refill attempts while every connect fails", pool, 6).untilAsserted(() -> assertThat(connects.attempts() - first)
                    .as("refill attempts while every connect fails at once, with refillBackoffInitial "
                            + initial.toMillis() + " ms and refillBackoffMax " + max.toMillis() + " ms (pauses so "
                            + "far: " + connects.describePausesFrom(first) + "): the pause doubles up to "
                            + "refillBackoffMax and stays there, or a pool waits longer and longer to notice that "
                            + "the database is back")
                    .isGreaterThanOrEqualTo(attempts));
            factory.failAllConnects(false);
        }
    }

    @Test
    @DisplayName("after a refill succeeds, the next failure waits refillBackoffInitial again, not the grown pause")
    void backoffStartsOverAfterASuccess() throws Exception {
        Duration initial = Duration.ofMillis(25);
        TimedConnects connects = new TimedConnects(factory);
        try (HealthCheckedPool pool = new HealthCheckedPool(config(uniqueName("reset")).minConnections(1)
                .healthCheckInterval(CHECK_INTERVAL).refillBackoffInitial(initial)
                .refillBackoffMax(Duration.ofMinutes(1)).build(), connects::connect)) {
            pool.runHealthCheck(); // Task 5 first: the refill follows the health check
            factory.failNextConnects(5); // refused 5 times (pauses 25, 50, 100, 200, 400 ms), then accepted
            factory.physicalConnections().get(0).close();
            patiently("the refill to replace the dead connection once connects succeed again", pool, 6)
                    .until(() -> factory.opened() == 2 && pool.stats().total() == 1);

            int first = connects.attempts();
            factory.failNextConnects(5); // the same again: a refill that started over needs under a second
            factory.physicalConnections().get(1).close();
            // Without starting over, the pauses would go on from 800 ms: 800 + 1600 + ... + 12800 ms, about 25 s.
            patiently("the refill to replace the second dead connection, its backoff started over", pool, 6).untilAsserted(() -> assertThat(factory.opened())
                    .as("physical connections opened when the database refused 5 connects, accepted one, then "
                            + "refused 5 again (refillBackoffInitial " + initial.toMillis() + " ms; pauses since "
                            + "it went down the second time: " + connects.describePausesFrom(first) + "; " + pool
                            + "): after a success, the next failure waits refillBackoffInitial again, or one "
                            + "bad minute makes every later outage heal slowly")
                    .isEqualTo(3));
        }
    }

    @Test
    @DisplayName("while the refill waits out its pause, the health checks go on")
    void checksGoOnDuringThePause() throws Exception {
        Duration pause = Duration.ofSeconds(5);
        int checksWanted = 5;
        TimedConnects connects = new TimedConnects(factory);
        try (HealthCheckedPool pool = new HealthCheckedPool(config(uniqueName("waiting")).minConnections(1)
                .healthCheckInterval(CHECK_INTERVAL).refillBackoffInitial(pause).refillBackoffMax(pause).build(),
                connects::connect)) {
            pool.runHealthCheck(); // Task 5 first: the refill follows the health check
            int first = connects.attempts();
            factory.failAllConnects(true);
            factory.physicalConnections().get(0).close();
            patiently("the first refill attempt, which fails", pool, 6)
                    .until(() -> connects.attempts() > first);

            long checks = pool.events().checks();
            // Every check interval (50 ms) one more check; a checker held up by a 5 s pause needs 25 s for 5.
            patiently(checksWanted + " health checks while the refill waits out its pause", pool, 6).untilAsserted(() -> assertThat(pool.events().checks() - checks)
                    .as("health checks completed while the refill waits out a pause of " + pause.toSeconds()
                            + " s (checks every " + CHECK_INTERVAL.toMillis() + " ms; " + pool + "): wait for the "
                            + "pause by skipping refill rounds until it is over, never by sleeping on the checker's "
                            + "thread, or the health checks stop for as long as the pause")
                    .isGreaterThanOrEqualTo(checksWanted));
            factory.failAllConnects(false);
        }
    }

    @Test
    @DisplayName("lent connections count toward minConnections: a pool whose connections are all lent opens no more")
    void lentConnectionsCountTowardMin() throws Exception {
        try (HealthCheckedPool pool = new HealthCheckedPool(config(uniqueName("lent")).minConnections(2)
                .maxConnections(4).healthCheckInterval(CHECK_INTERVAL).build(), factory::connect)) {
            pool.runHealthCheck(); // Task 5 first: the refill follows the health check
            Connection first = pool.getConnection();
            Connection second = pool.getConnection();
            try {
                long checks = pool.events().checks();
                patiently("3 more background checks, each followed by a refill", pool, 6)
                        .until(() -> pool.events().checks() >= checks + 3);
                // 2, or 3 when the second borrower came while the checker had the other idle connection out for
                // validation (the pool then opened one for that borrower). A refill that counts only idle
                // connections tops the idle ones up to 2 beside the 2 lent: 4.
                assertThat(pool.stats().total()).as("connections the pool owns while 2 are lent and nothing died, "
                        + "after 3 refills (minConnections is 2; " + pool + "): minConnections counts every "
                        + "connection the pool owns, lent ones included; counting only the idle ones opens new "
                        + "connections whenever the pool is busy").isLessThanOrEqualTo(3);
                assertThat(factory.opened()).as("physical connections opened (" + pool + ")").isLessThanOrEqualTo(3);
                assertThat(pool.events().refills()).as("connections opened by refills in a pool that never fell "
                        + "below minConnections (" + pool + ")").isZero();
            } finally {
                first.close();
                second.close();
            }
        }
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
