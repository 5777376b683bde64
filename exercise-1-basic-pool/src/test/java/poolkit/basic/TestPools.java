package poolkit.basic;

import java.time.Duration;

/** Small helpers shared by this exercise's tests. */
final class TestPools {

    private TestPools() {
    }

    /** A configuration for tests: no connections at start, at most 4, a timeout long enough for a loaded machine. */
    static PoolConfig.Builder config() {
        return PoolConfig.builder().minConnections(0).maxConnections(4).connectionTimeout(Duration.ofSeconds(20));
    }
}
