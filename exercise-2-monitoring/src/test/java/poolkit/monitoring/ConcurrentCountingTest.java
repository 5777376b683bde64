package poolkit.monitoring;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.Concurrently;
import poolkit.testsupport.TestDatabase;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;
import poolkit.testsupport.Sql;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The counters of a busy pool: 50 threads borrow 200 times each, while a monitor takes snapshots. Needs Tasks 1 to 3. */
@DisplayName("Task 3: exact counters, queries included, while 50 threads x 200 acquisitions go through the pool")
class ConcurrentCountingTest {

    private static final int THREADS = 50;
    private static final int PER_THREAD = 200;
    private static final int MAX = 10;

    @Test
    @DisplayName("on H2: every acquisition, release and query is counted once, and every snapshot is consistent")
    void onH2() throws Exception {
        countUnderLoad(TestDatabases.h2());
    }

    @Test
    @Tag("postgres")
    @DisplayName("on PostgreSQL: every acquisition, release and query is counted once, and every snapshot is consistent")
    void onPostgres() throws Exception {
        countUnderLoad(TestDatabases.postgres());
    }

    private static void countUnderLoad(TestDatabase database) throws Exception {
        TrackingConnectionFactory factory = new TrackingConnectionFactory(database);
        long borrows = (long) THREADS * PER_THREAD;
        ExecutorService monitor = Executors.newSingleThreadExecutor();
        MonitoredPool pool = new MonitoredPool("trades", TestPools.config().minConnections(2).maxConnections(MAX)
                .connectionTimeout(Duration.ofSeconds(30)).build(), factory::connect);
        try (pool) {
            SnapshotWatcher watcher = new SnapshotWatcher(pool.metrics()::snapshot);
            Future<String> inconsistency = monitor.submit(watcher);
            try {
                Concurrently.run(THREADS, THREADS, task -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        try (Connection connection = pool.getConnection()) {
                            Sql.selectOne(connection);
                        }
                    }
                    return null;
                });
            } finally {
                watcher.stop();
            }
            assertThat(Concurrently.result(inconsistency))
                    .as("the first inconsistent snapshot among %d taken while the pool was busy",
                            watcher.snapshotsTaken())
                    .isNull();

            MetricsSnapshot end = pool.metrics().snapshot();
            assertThat(end.acquired()).as("acquisitions counted on %s for %d threads x %d borrows",
                    database.engine(), THREADS, PER_THREAD).isEqualTo(borrows);
            assertThat(end.released()).as("releases counted").isEqualTo(borrows);
            assertThat(end.queries()).as("queries counted (one SELECT 1 per borrow)").isEqualTo(borrows);
            assertThat(end.timeouts()).as("timeouts (connectionTimeout is 30 s)").isZero();
            assertThat(end.failedConnects()).as("failed connects").isZero();
            assertThat(end.created()).as("connections created; the factory opened %d", factory.opened())
                    .isEqualTo(factory.opened());
            assertThat(end.created() - end.closed()).as("created minus closed: the connections the pool owns now (%s)",
                    pool.stats()).isEqualTo(pool.stats().total());
        } finally {
            monitor.shutdownNow();
        }
        assertThat(pool.metrics().snapshot().closed()).as("closed after the pool was closed; the factory opened %d",
                factory.opened()).isEqualTo(factory.opened());
    }
}
