package poolkit.basic;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.Concurrently;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;
import poolkit.testsupport.Sql;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retirement is checked while the pool is in use (every poll borrows and gives back one connection), so a pool that
 * retires connections when they are borrowed or given back passes, and so does one with a background thread.
 */
@DisplayName("Task 5: old and idle connections are retired")
class RetirementTest {

    private final TrackingConnectionFactory factory = new TrackingConnectionFactory(TestDatabases.h2());
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stopWorkers() {
        executor.shutdownNow();
    }

    @Test
    @DisplayName("a connection past maxLifetime is closed and never lent again")
    void maxLifetime() throws Exception {
        Duration lifetime = Duration.ofMillis(300);
        try (ConnectionPool pool = new ConnectionPool(
                TestPools.config().minConnections(1).maxConnections(1).maxLifetime(lifetime).build(), factory::connect)) {
            Connection first = TestPools.physical(factory, 0, "minConnections is 1");
            long openedAt = System.nanoTime();
            await("twice maxLifetime to pass").atMost(Duration.ofSeconds(20))
                    .until(() -> System.nanoTime() - openedAt > 2 * lifetime.toNanos());

            try (Connection borrowed = pool.getConnection()) {
                assertThat(factory.opened())
                        .as("physical connections opened when borrowing from a pool whose only connection is twice "
                                + "past maxLifetime (it must be replaced, not lent)")
                        .isEqualTo(2);
                assertThat(Sql.selectOne(borrowed)).isEqualTo(1);
            }
            assertThat(first.isClosed()).as("the connection past maxLifetime is closed").isTrue();
        }
    }

    @Test
    @DisplayName("maxLifetime counts from when the connection was opened, however often it is lent and given back")
    void maxLifetimeCountsFromTheOpen() throws Exception {
        Duration lifetime = Duration.ofMillis(500);
        try (ConnectionPool pool = new ConnectionPool(
                TestPools.config().maxConnections(1).maxLifetime(lifetime).build(), factory::connect)) {
            try (Connection connection = pool.getConnection()) {
                Sql.selectOne(connection);
            }
            TestPools.awaitGivenBack(pool, "the first borrower's connection (its handle closed)");
            Connection first = TestPools.physical(factory, 0, "one borrowed");
            long openedBy = System.nanoTime();
            // Borrowed and given back every 10 ms: never idle long, but older than maxLifetime after 500 ms.
            await("the first connection retired while in constant use").atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
                        try (Connection connection = pool.getConnection()) {
                            Sql.selectOne(connection);
                        }
                        assertThat(first.isClosed())
                                .as("the first physical connection is closed: it was opened %d ms ago and lent again "
                                        + "every 10 ms since; maxLifetime is 500 ms and counts from the open, not from "
                                        + "when the connection was last lent or given back",
                                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedBy))
                                .isTrue();
                    });
            try (Connection connection = pool.getConnection()) {
                assertThat(Sql.selectOne(connection)).as("a query on the connection that replaced the first")
                        .isEqualTo(1);
            }
            assertThat(factory.opened()).as("physical connections opened (the first replaced once it was too old)")
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    @DisplayName("16 borrowers replacing connections past maxLifetime never make the pool open more than maxConnections")
    void replacementsStayWithinMax() throws Exception {
        int max = 4;
        int borrowers = 16;
        Duration lifetime = Duration.ofMillis(300);
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().minConnections(max).maxConnections(max)
                .maxLifetime(lifetime).connectionTimeout(TestPools.PATIENT).build(), factory::connect)) {
            long openedBy = System.nanoTime();
            await("every connection past maxLifetime").atMost(Duration.ofSeconds(20))
                    .until(() -> System.nanoTime() - openedBy > 2 * lifetime.toNanos());
            TrackingConnectionFactory.ConnectGate gate = factory.holdConnects();
            List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < borrowers; i++) {
                results.add(executor.submit(() -> {
                    threads.add(Thread.currentThread());
                    try (Connection connection = pool.getConnection()) {
                        return Sql.selectOne(connection);
                    }
                }));
            }
            try {
                TestPools.awaitBlocked("all " + borrowers + " borrowers blocked, waiting in getConnection() or in a "
                        + "connect the test holds", threads, borrowers, results);
                // A pool may close what it retired a moment later, on another thread: it gets 2 s to do so.
                await("connections open or being opened to fall to maxConnections").atMost(Duration.ofSeconds(2))
                        .untilAsserted(() -> assertThat(gate.waiting() + factory.open())
                                .as("physical connections open (%d) or being opened (%d) while %d borrowers replace "
                                        + "the %d that reached maxLifetime; maxConnections is %d, and a connection "
                                        + "that replaces a retired one needs a slot like any other: reserve it before "
                                        + "you connect", factory.open(), gate.waiting(), borrowers, max, max)
                                .isLessThanOrEqualTo(max));
                assertThat(gate.waiting()).as("connects in progress while %d borrowers wait and every connection is "
                        + "past maxLifetime (none: who replaces the retired connections?)", borrowers).isPositive();
            } finally {
                gate.open();
            }
            assertThat(TestPools.allWithin(results, Duration.ofSeconds(15), pool, () -> "not served after the test let "
                    + "the connects through (connectionTimeout is 20 s). stats: " + pool.stats()))
                    .as("results of the %d borrowers", borrowers).containsOnly(1);
            assertThat(factory.opened()).as("physical connections opened: %d at start, then at least one to replace "
                    + "them", max).isGreaterThan(max);
            PoolStats after = pool.stats();
            assertThat(after.total()).as("connections the pool owns after the burst: %s", after).isLessThanOrEqualTo(max);
            assertThat(after.active()).as("connections still lent after the burst: %s", after).isZero();
        }
    }

    @Test
    @DisplayName("never more than maxConnections while 16 threads borrow and connections keep reaching maxLifetime")
    void neverAboveMaxWhileConnectionsAreReplaced() throws Exception {
        int max = 4;
        int threads = 16;
        int replacements = 40;
        AtomicInteger lentNow = new AtomicInteger();
        AtomicInteger peakLent = new AtomicInteger();
        AtomicInteger peakTotal = new AtomicInteger();
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(max)
                .maxLifetime(Duration.ofMillis(20)).connectionTimeout(TestPools.PATIENT).build(), factory::connect)) {
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            Concurrently.run(threads, threads, TestPools.stall(pool), task -> {
                // Borrow until 40 connections were retired and replaced: the replace path runs under contention.
                while (factory.closed() < replacements && System.nanoTime() - giveUp < 0) {
                    try (Connection connection = pool.getConnection()) {
                        peakLent.accumulateAndGet(lentNow.incrementAndGet(), Math::max);
                        Sql.selectOne(connection);
                        lentNow.decrementAndGet();
                    }
                    peakTotal.accumulateAndGet(pool.stats().total(), Math::max);
                }
                return null;
            });
            assertThat(factory.closed()).as("connections retired past maxLifetime (20 ms) within 20 s of borrowing")
                    .isGreaterThanOrEqualTo(replacements);
            String lesson = "; maxConnections is " + max + ", and a connection that replaces a retired one needs a "
                    + "slot like any other: reserve it before you connect";
            assertThat(peakLent.get()).as("most connections lent at once while connections were replaced" + lesson)
                    .isLessThanOrEqualTo(max);
            assertThat(peakTotal.get()).as("highest stats().total seen while connections were replaced" + lesson)
                    .isLessThanOrEqualTo(max);
            PoolStats after = pool.stats();
            assertThat(after.total()).as("connections the pool owns after the run: %s%s", after, lesson)
                    .isLessThanOrEqualTo(max);
            // A physical connection the pool has let go of may be closed a moment after its slot is taken again, so
            // the factory's count is checked once the borrowers are done, not while they run.
            assertThat(factory.open()).as("physical connections open after the run" + lesson)
                    .isLessThanOrEqualTo(max);
            assertThat(after.active()).as("connections still lent after the run: %s", after).isZero();
        }
    }

    @Test
    @DisplayName("connections idle past idleTimeout are closed, down to minConnections and no further")
    void idleTimeoutShrinksToMin() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().minConnections(2).maxConnections(8)
                .idleTimeout(Duration.ofMillis(300)).build(), factory::connect)) {
            List<Connection> burst = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                burst.add(pool.getConnection());
            }
            for (Connection connection : burst) {
                connection.close();
            }
            TestPools.awaitGivenBack(pool, "the burst's 6 connections (their handles closed)");
            assertThat(pool.stats().total()).as("connections after a burst of 6 borrowers").isEqualTo(6);

            await("the burst's extras retired").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> {
                        try (Connection connection = pool.getConnection()) {
                            Sql.selectOne(connection);
                        }
                        assertThat(pool.stats().total()).as("connections once the burst's extras sat idle past "
                                + "idleTimeout (minConnections is 2)").isEqualTo(2);
                    });
            assertThat(factory.closed()).as("physical connections closed for being idle").isEqualTo(4);
            assertThat(factory.open()).as("physical connections still open").isEqualTo(2);
        }
    }
}
