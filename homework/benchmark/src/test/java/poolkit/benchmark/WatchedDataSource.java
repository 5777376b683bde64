package poolkit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Watches a run from the data source's side: which threads borrowed, when the first borrower asked for a connection
 * and when the last connection was given back (System.nanoTime).
 */
final class WatchedDataSource extends ForwardingDataSource {

    private final Set<Thread> borrowers = ConcurrentHashMap.newKeySet();
    private final AtomicLong firstAskedAt = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastReturnedAt = new AtomicLong(Long.MIN_VALUE);

    WatchedDataSource(DataSource target) {
        super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        borrowers.add(Thread.currentThread());
        firstAskedAt.accumulateAndGet(System.nanoTime(), Math::min);
        return afterClose(super.getConnection(),
                () -> lastReturnedAt.accumulateAndGet(System.nanoTime(), Math::max));
    }

    /** From the first borrower asking to the last connection given back, ns. */
    long borrowingSpan() {
        return lastReturnedAt.get() - firstAskedAt.get();
    }

    /** Waits (a few seconds at most) until every thread that borrowed has ended; fails, saying so, if one has not. */
    void assertBorrowersEnd(String run) {
        await("the threads that ran the requests of " + run + " ending once it has returned")
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(borrowers.stream().filter(Thread::isAlive).map(Thread::getName))
                        .as("threads of %s still alive after it returned: shut the workers down when a run is over "
                                + "(even on failure), or every run of a benchmark leaves its idle workers behind", run)
                        .isEmpty());
    }
}
