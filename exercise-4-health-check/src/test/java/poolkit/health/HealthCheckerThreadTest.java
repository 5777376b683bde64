package poolkit.health;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static poolkit.health.HealthTestPools.PATIENCE;
import static poolkit.health.HealthTestPools.config;
import static poolkit.health.HealthTestPools.poolThreads;
import static poolkit.health.HealthTestPools.uniqueName;

@DisplayName("Task 3: the health checker runs on a thread of its own, and stops when the pool closes")
class HealthCheckerThreadTest {

    private final TrackingConnectionFactory factory = new TrackingConnectionFactory(TestDatabases.h2());

    @Test
    @DisplayName("while the pool is open, its checker runs on a daemon thread named poolkit-health-<poolName>")
    void namedDaemonThread() throws Exception {
        String name = uniqueName("named");
        try (HealthCheckedPool pool = new HealthCheckedPool(config(name).minConnections(1)
                .healthCheckInterval(Duration.ofMillis(50)).build(), factory::connect)) {
            List<Thread> threads = poolThreads(name);
            assertThat(threads).as("live threads named poolkit-health-" + name + " (or poolkit-health-" + name
                    + "-<n>) right after the pool was created: start the health checker in the constructor")
                    .isNotEmpty();
            assertThat(threads).as("the pool's threads must be daemons, so a pool someone forgot to close does not "
                    + "keep the JVM alive").allMatch(Thread::isDaemon);
        }
    }

    @Test
    @DisplayName("close() stops the checker: every thread the pool started is gone, and closing twice is harmless")
    void closeStopsEveryThread() throws Exception {
        String name = uniqueName("closing");
        HealthCheckedPool pool = new HealthCheckedPool(config(name).minConnections(2)
                .healthCheckInterval(Duration.ofMillis(20)).build(), factory::connect);
        assertThat(poolThreads(name)).as("threads of the pool while it is open").isNotEmpty();

        pool.close();
        await("the health checker's threads to end after close()").atMost(PATIENCE).untilAsserted(() -> assertThat(poolThreads(name))
                .as("threads named poolkit-health-" + name + " still alive after close(): stop the health checker "
                        + "(shutdown its executor) when the pool closes")
                .isEmpty());
        pool.close();
        assertThat(factory.open()).as("physical connections open after close()").isZero();
    }

    @Test
    @DisplayName("a round that throws stops nothing: the refill still runs after a failed check, failures reach the "
            + "log, and later rounds run")
    void failuresDoNotStopTheChecker() {
        String name = uniqueName("throwing");
        AtomicInteger checks = new AtomicInteger();
        AtomicInteger refills = new AtomicInteger();
        List<Throwable> logged = new CopyOnWriteArrayList<>();
        HealthChecker checker = new HealthChecker(config(name).healthCheckInterval(Duration.ofMillis(20)).build(),
                () -> {
                    checks.incrementAndGet();
                    throw new IllegalStateException("a health check that fails every time");
                },
                () -> {
                    refills.incrementAndGet();
                    throw new IllegalStateException("a refill that fails every time");
                },
                (what, failure) -> logged.add(failure));
        checker.start();
        try {
            await("3 rounds of the check and of the refill, every check throwing").atMost(PATIENCE).untilAsserted(() -> {
                assertThat(checks.get()).as("rounds of the health check, each of which threw IllegalStateException: "
                        + "an exception that escapes a task of scheduleWithFixedDelay cancels every later run, "
                        + "silently; catch it").isGreaterThanOrEqualTo(3);
                assertThat(refills.get()).as("rounds of the refill, each after a health check that threw: catch "
                        + "each step's exceptions on its own, so a failing check does not skip the refill")
                        .isGreaterThanOrEqualTo(3);
            });
            assertThat(logged).as("what the failing rounds reported to the log: report each failure with "
                    + "log.accept(what, exception), or nobody ever learns why the pool does not heal")
                    .isNotEmpty()
                    .allMatch(failure -> failure instanceof IllegalStateException);
        } finally {
            checker.stop();
        }
        await("the health checker's threads to end after stop()").atMost(PATIENCE).untilAsserted(() -> assertThat(poolThreads(name))
                .as("threads named poolkit-health-" + name + " after stop()").isEmpty());
    }
}
