package poolkit.priority;

import java.time.Duration;

/** Small helpers shared by this homework's tests. */
final class TestPools {

    private TestPools() {
    }

    /**
     * A configuration for tests: no connections at start, at most 4, no reserve, timeouts long enough for a loaded
     * machine, and aging so far off that it never changes the order (the starvation tests set it themselves).
     */
    static PriorityPoolConfig.Builder config() {
        return PriorityPoolConfig.builder().minConnections(0).maxConnections(4).criticalReserve(0).maxPassOvers(100)
                .connectionTimeout(Duration.ofSeconds(30)).criticalTimeout(Duration.ofSeconds(30));
    }
}
