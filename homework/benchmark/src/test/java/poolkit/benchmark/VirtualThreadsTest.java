package poolkit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.basic.ConnectionPool;
import poolkit.basic.PoolConfig;
import poolkit.basic.PoolHooks;
import poolkit.basic.PoolStats;

/** Virtual threads exist from Java 21 on; on an older JVM these tests are skipped, saying why. */
@DisplayName("Task 4: virtual threads: a thread per request, the pool the only limit")
class VirtualThreadsTest {

    private static final int REQUESTS = 10_000;
    private static final Duration POOL_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @BeforeEach
    void needsVirtualThreads() {
        Assumptions.assumeTrue(ThreadKind.VIRTUAL.isAvailable(), ThreadKind::unavailableReason);
    }

    @Test
    @DisplayName("10,000 virtual threads through a reference pool of 10: all at once, none lost, none past the timeout")
    void tenThousandThroughTheReferencePool() throws Exception {
        H2Trades trades = H2Trades.create();
        WaitsSeen waits = new WaitsSeen();
        PoolConfig config = PoolConfig.builder().minConnections(10).maxConnections(10)
                .connectionTimeout(POOL_TIMEOUT).build();
        RunResult result;
        GatedDataSource allAtOnce;
        PoolStats after;
        try (ConnectionPool pool = new ConnectionPool(config, trades.source()::getConnection, waits)) {
            allAtOnce = new GatedDataSource(pool, REQUESTS, PATIENCE);
            result = new LoadRunner(200, ThreadKind.VIRTUAL).run(allAtOnce, Workload.SELECT, REQUESTS,
                    ProgressListener.NONE);
            after = pool.stats();
        }

        assertEveryRequestSucceeded(result, allAtOnce);
        assertThat(waits.acquired.get()).as("connections the pool lent").isEqualTo(REQUESTS);
        assertThat(waits.released.get()).as("connections given back to the pool").isEqualTo(REQUESTS);
        assertThat(waits.timedOut.get()).as("borrowers the pool timed out").isZero();
        assertThat(Duration.ofNanos(waits.longestWait.get())).as("the longest wait for a connection (the pool's "
                + "timeout is %s)", POOL_TIMEOUT).isLessThan(POOL_TIMEOUT);
        assertThat(trades.source().connectionsOpened()).as("physical connections opened by a pool of 10")
                .isLessThanOrEqualTo(10);
        assertThat(after.active()).as("connections still lent after the run (%s)", after).isZero();
    }

    @Test
    @DisplayName("10,000 virtual threads through HikariCP with 10 connections: none lost, no timeout")
    void tenThousandThroughHikari() throws Exception {
        H2Trades trades = H2Trades.create();
        DataSource hikari = Strategy.parse("hikari:10:10").start(trades.source());
        RunResult result;
        GatedDataSource allAtOnce = new GatedDataSource(hikari, REQUESTS, PATIENCE);
        try {
            result = new LoadRunner(200, ThreadKind.VIRTUAL).run(allAtOnce, Workload.SELECT, REQUESTS,
                    ProgressListener.NONE);
        } finally {
            Strategy.stop(hikari);
        }

        assertEveryRequestSucceeded(result, allAtOnce);
        assertThat(trades.source().connectionsOpened()).as("physical connections opened by HikariCP with 10")
                .isLessThanOrEqualTo(10);
    }

    @Test
    @DisplayName("the open model on virtual threads: 2 'threads' limit nothing, 20 requests at 100/s are in flight at once")
    void openModelOnVirtualThreads() throws Exception {
        H2Trades trades = H2Trades.create();
        GatedDataSource twenty = new GatedDataSource(trades.source(), 20, PATIENCE);

        RunResult result = new LoadRunner(2, ThreadKind.VIRTUAL).runOpen(twenty, Workload.INSERT, 20,
                LoadModel.fixedRate(100), ProgressListener.NONE);

        assertThat(result.succeeded()).as("successful requests of 20, each waiting until all 20 ask at once: with "
                + "virtual threads, 'threads' limits nothing (first error: %s)", result.firstError()).isEqualTo(20);
        assertThat(twenty.askedOnPlatformThreads()).as("requests that ran on platform threads instead of virtual ones")
                .isZero();
    }

    private static void assertEveryRequestSucceeded(RunResult result, GatedDataSource allAtOnce) {
        assertThat(result.requests()).as("requests in the result").isEqualTo(REQUESTS);
        assertThat(result.succeeded()).as("successful requests; all %d must be in flight at once, each on a virtual "
                + "thread of its own (never a pool of virtual threads), or they fail (first error: %s)", REQUESTS,
                result.firstError()).isEqualTo(REQUESTS);
        assertThat(result.errors() + result.timeouts()).as("errors and timeouts").isZero();
        assertThat(result.latencies().getTotalCount()).as("latencies recorded").isEqualTo(REQUESTS);
        assertThat(allAtOnce.mostInFlight()).as("most requests in flight at once").isEqualTo(REQUESTS);
        assertThat(allAtOnce.askedOnPlatformThreads()).as("requests that ran on platform threads instead of virtual "
                + "ones (start each request's thread from threadKind.factory(...))").isZero();
    }

    /** What the pool saw: how many borrows, returns and timeouts, and the longest wait. */
    private static final class WaitsSeen implements PoolHooks {
        final AtomicInteger acquired = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();
        final AtomicInteger timedOut = new AtomicInteger();
        final AtomicLong longestWait = new AtomicLong();

        @Override
        public void acquired(long waitNanos) {
            acquired.incrementAndGet();
            longestWait.accumulateAndGet(waitNanos, Math::max);
        }

        @Override
        public void timedOut(long waitNanos) {
            timedOut.incrementAndGet();
            longestWait.accumulateAndGet(waitNanos, Math::max);
        }

        @Override
        public void released(long heldNanos) {
            released.incrementAndGet();
        }
    }
}
