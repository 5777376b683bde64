package poolkit.health;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;

import java.time.Duration;
import java.util.List;

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
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(poolThreads(name))
                .as("threads named poolkit-health-" + name + " still alive after close(): stop the health checker "
                        + "(shutdown its executor) when the pool closes")
                .isEmpty());
        pool.close();
        assertThat(factory.open()).as("physical connections open after close()").isZero();
    }
}
