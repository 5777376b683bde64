package poolkit.basic;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.Concurrently;
import poolkit.testsupport.Sql;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The extension points exercises 2 and 4 and the homework build on. Each test uses only the public API and a
 * {@link PoolHooks} that records what it is told.
 */
@DisplayName("Task 7: extension points for the modules built on the pool")
class ExtensionPointsTest {

    private final TrackingConnectionFactory factory = new TrackingConnectionFactory(TestDatabases.h2());
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stopWorkers() {
        executor.shutdownNow();
    }

    /** Counts every event, and keeps the last duration of each kind. */
    static class RecordingHooks implements PoolHooks {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final AtomicInteger acquired = new AtomicInteger();
        final AtomicInteger timedOut = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();
        final AtomicLong lastWait = new AtomicLong(-1);
        final AtomicLong lastHeld = new AtomicLong(-1);
        final AtomicLong lastConnect = new AtomicLong(-1);

        @Override
        public void connectionOpened(long connectNanos) {
            opened.incrementAndGet();
            lastConnect.set(connectNanos);
        }

        @Override
        public void connectFailed(Exception cause) {
            failed.incrementAndGet();
        }

        @Override
        public void connectionClosed() {
            closed.incrementAndGet();
        }

        @Override
        public void acquired(long waitNanos) {
            acquired.incrementAndGet();
            lastWait.set(waitNanos);
        }

        @Override
        public void timedOut(long waitNanos) {
            timedOut.incrementAndGet();
            lastWait.set(waitNanos);
        }

        @Override
        public void released(long heldNanos) {
            released.incrementAndGet();
            lastHeld.set(heldNanos);
        }
    }

    @Test
    @DisplayName("the hooks hear every connect, failed connect and close, once each")
    void hooksHearConnectsAndCloses() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        ConnectionPool pool = new ConnectionPool(TestPools.config().minConnections(2).build(), factory::connect, hooks);
        assertThat(hooks.opened.get()).as("connectionOpened calls after a pool with minConnections=2 started")
                .isEqualTo(2);
        List<Connection> borrowed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            borrowed.add(pool.getConnection());
        }
        assertThat(hooks.opened.get()).as("connectionOpened calls once a third borrower made the pool connect")
                .isEqualTo(3);
        factory.failNextConnects(1);
        try {
            borrowed.add(pool.getConnection()); // served if the pool tried again after the refused connect
        } catch (SQLException refused) {
            // or the borrower whose connect was refused is told at once
        }
        assertThat(hooks.failed.get()).as("connectFailed calls after one refused connect").isEqualTo(1);
        assertThat(hooks.opened.get()).as("connectionOpened calls after one refused connect (the factory opened %d: "
                + "a refused connect opened nothing)", factory.opened()).isEqualTo(factory.opened());
        for (Connection connection : borrowed) {
            connection.close();
        }
        pool.close();
        assertThat(hooks.closed.get()).as("connectionClosed calls after the pool closed its %d connections "
                + "(the factory saw %d closed)", factory.opened(), factory.closed())
                .isEqualTo(factory.closed()).isEqualTo(factory.opened());
    }

    @Test
    @DisplayName("the hooks hear every borrow and every return once, with how long it waited and was held")
    void hooksHearBorrowsAndReturns() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().build(), factory::connect, hooks)) {
            long heldAtLeast;
            long calledAt = System.nanoTime();
            Connection connection = pool.getConnection();
            long callNanos = System.nanoTime() - calledAt;
            assertThat(hooks.acquired.get()).as("acquired calls after one getConnection()").isEqualTo(1);
            assertThat(hooks.lastWait.get()).as("the wait reported by acquired (ns): from the call to its return, so "
                    + "at most the %d ns the test measured around getConnection()", callNanos)
                    .isNotNegative().isLessThanOrEqualTo(callNanos);
            long lentAt = System.nanoTime();
            Sql.selectOne(connection);
            await("at least 20 ms to pass while the connection is held")
                    .atMost(Duration.ofSeconds(10)).until(() -> System.nanoTime() - lentAt >= 20_000_000L);
            heldAtLeast = System.nanoTime() - lentAt;
            connection.close();
            long heldAtMost = System.nanoTime() - calledAt;
            connection.close();
            assertThat(hooks.released.get()).as("released calls after closing one handle twice").isEqualTo(1);
            assertThat(hooks.lastHeld.get()).as("the time held reported by released (ns), measured from the lending")
                    .isGreaterThanOrEqualTo(heldAtLeast)
                    .as("the time held reported by released (ns): at most the %d ns from the test's getConnection() "
                            + "call to its close()", heldAtMost)
                    .isLessThanOrEqualTo(heldAtMost);
            for (int i = 0; i < 5; i++) {
                TestPools.awaitGivenBack(pool, "the connection of the handle closed before");
                try (Connection again = pool.getConnection()) {
                    Sql.selectOne(again);
                }
            }
            assertThat(hooks.acquired.get()).as("acquired calls after 6 borrows").isEqualTo(6);
            assertThat(hooks.released.get()).as("released calls after 6 returns").isEqualTo(6);
            assertThat(hooks.timedOut.get()).as("timedOut calls when no borrower timed out").isZero();
            assertThat(factory.opened()).as("physical connections opened for 6 borrows one after another, with hooks "
                    + "that leave canLend as PoolHooks has it (every connection may be lent)").isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a borrower that times out is heard as timed out, with a wait of at least connectionTimeout")
    void hooksHearTimeouts() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        Duration timeout = Duration.ofMillis(200);
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(1).connectionTimeout(timeout)
                .build(), factory::connect, hooks);
             Connection held = pool.getConnection()) {
            AtomicLong callNanos = new AtomicLong();
            Future<Throwable> borrower = executor.submit(() -> {
                long calledAt = System.nanoTime();
                Throwable thrown = catchThrowable(pool::getConnection);
                callNanos.set(System.nanoTime() - calledAt);
                return thrown;
            });
            assertThat(TestPools.within(borrower, Duration.ofSeconds(10), () -> "getConnection() on a pool whose only "
                    + "connection is lent did not give up within 10 s; connectionTimeout is 200 ms. stats: "
                    + pool.stats())).as("getConnection() while the only connection is lent")
                    .isInstanceOf(SQLTransientConnectionException.class);
            assertThat(hooks.timedOut.get()).as("timedOut calls after one borrower gave up").isEqualTo(1);
            assertThat(hooks.lastWait.get()).as("the wait reported by timedOut (ns); connectionTimeout is 200 ms")
                    .isGreaterThanOrEqualTo(timeout.toNanos())
                    .as("the wait reported by timedOut (ns): from the call to its end, so at most the %d ns the test "
                            + "measured around getConnection()", callNanos.get())
                    .isLessThanOrEqualTo(callNanos.get());
            assertThat(hooks.acquired.get()).as("acquired calls: only the first borrower got a connection")
                    .isEqualTo(1);
        }
    }

    @Test
    @DisplayName("canLend is asked before an idle connection is lent; a rejected one is closed and never lent")
    void canLendIsTheValidationStepBeforeLending() throws Exception {
        List<Long> idleTimes = new ArrayList<>();
        AtomicInteger asked = new AtomicInteger();
        PoolHooks rejectFirst = new PoolHooks() {
            @Override
            public boolean canLend(Connection connection, long idleNanos) {
                synchronized (idleTimes) {
                    idleTimes.add(idleNanos);
                }
                return asked.incrementAndGet() > 1;
            }
        };
        long createdBefore = System.nanoTime();
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().minConnections(1).build(), factory::connect,
                rejectFirst)) {
            Connection first = TestPools.physical(factory, 0, "minConnections is 1");
            long startedAt = System.nanoTime();
            await("at least 20 ms of idleness").atMost(Duration.ofSeconds(10))
                    .until(() -> System.nanoTime() - startedAt >= 20_000_000L);
            try (Connection borrowed = pool.getConnection()) {
                assertThat(Sql.selectOne(borrowed)).isEqualTo(1);
                assertThat(asked.get()).as("canLend calls: once for the idle connection, never for the one the pool "
                        + "then opened for this borrower").isEqualTo(1);
                assertThat(first.isClosed()).as("the idle connection canLend rejected is closed").isTrue();
                assertThat(factory.opened()).as("physical connections opened: the rejected one and its replacement")
                        .isEqualTo(2);
            }
            long idleAtMost = System.nanoTime() - createdBefore;
            assertThat(idleTimes.get(0)).as("the idle time canLend was told (ns), for a connection idle 20 ms or more")
                    .isGreaterThanOrEqualTo(20_000_000L)
                    .as("the idle time canLend was told (ns): from when the connection went idle (it was opened at "
                            + "start) to the lending, so at most the %d ns since the test made the pool", idleAtMost)
                    .isLessThanOrEqualTo(idleAtMost);
            try (Connection again = pool.getConnection()) {
                assertThat(asked.get()).as("canLend calls after the replacement was lent again from idle")
                        .isEqualTo(2);
                assertThat(factory.opened()).as("physical connections opened after an accepted idle one was lent")
                        .isEqualTo(2);
            }
            assertThat(pool.stats()).as("stats after both borrowers gave their connection back")
                    .isEqualTo(new PoolStats(1, 0, 1, 0));
        }
    }

    @Test
    @DisplayName("raising the limit at run time serves a waiting borrower at once")
    void raisingTheLimitServesAWaiter() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(1)
                .connectionTimeout(TestPools.PATIENT).build(), factory::connect);
             Connection held = pool.getConnection()) {
            assertThat(pool.maxConnections()).as("maxConnections() before any change").isEqualTo(1);
            Future<Integer> waiter = executor.submit(() -> {
                try (Connection connection = pool.getConnection()) {
                    return Sql.selectOne(connection);
                }
            });
            await("a borrower waiting in getConnection()").atMost(Duration.ofSeconds(10))
                    .failFast("the borrower ended instead of waiting", TestPools.ended(List.of(waiter)))
                    .untilAsserted(() -> assertThat(pool.stats()).as("the pool's stats, the only connection lent")
                            .extracting(PoolStats::waiting).as("borrowers counted as waiting in stats()").isEqualTo(1));
            pool.setMaxConnections(2);
            assertThat(pool.maxConnections()).as("maxConnections() after setMaxConnections(2)").isEqualTo(2);
            assertThat(TestPools.within(waiter, Duration.ofSeconds(5), () -> "the borrower waiting when the limit was "
                    + "raised from 1 to 2 was not served (its connectionTimeout is 20 s: it must not wait for it; a "
                    + "higher limit must wake waiters, who may then open a connection). stats: " + pool.stats()))
                    .as("the waiter's query, served by a second connection once the limit was raised").isEqualTo(1);
            assertThat(factory.opened()).as("physical connections opened").isEqualTo(2);
        }
    }

    @Test
    @DisplayName("lowering the limit closes idle connections above it now, and lent ones when they come back")
    void loweringTheLimitClosesTheSurplus() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(4)
                .connectionTimeout(TestPools.PATIENT).build(), factory::connect)) {
            List<Connection> borrowed = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                borrowed.add(pool.getConnection());
            }
            borrowed.remove(3).close();
            borrowed.remove(2).close();
            pool.setMaxConnections(1);
            assertThat(pool.stats()).as("stats right after the limit went from 4 to 1 with 2 lent and 2 idle")
                    .isEqualTo(new PoolStats(2, 2, 0, 0));
            borrowed.remove(1).close();
            assertThat(pool.stats()).as("stats after one of the 2 lent came back above the limit of 1")
                    .isEqualTo(new PoolStats(1, 1, 0, 0));
            borrowed.remove(0).close();
            assertThat(pool.stats()).as("stats after the last one came back: the limit is 1")
                    .isEqualTo(new PoolStats(1, 0, 1, 0));
            assertThat(factory.open()).as("physical connections still open").isEqualTo(1);
            Concurrently.run(4, 40, TestPools.stall(pool), task -> {
                try (Connection connection = pool.getConnection()) {
                    return Sql.selectOne(connection);
                }
            });
            assertThat(factory.peakOpen()).as("most connections open at once, over the whole test").isEqualTo(4);
            assertThat(factory.open()).as("connections open after 4 threads borrowed under the limit of 1")
                    .isEqualTo(1);
            assertThat(catchThrowable(() -> pool.setMaxConnections(0)))
                    .as("a limit of 0").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        }
    }

    @Test
    @DisplayName("checkIdle closes the idle connections that fail the check and keeps the others, out of reach while checked")
    void checkIdleClosesFailuresAndHidesWhatItChecks() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().minConnections(3).build(), factory::connect)) {
            Connection failing = TestPools.physical(factory, 0, "minConnections is 3");
            Connection slow = TestPools.physical(factory, 1, "minConnections is 3");
            CountDownLatch checkingSlow = new CountDownLatch(1);
            CountDownLatch finishCheck = new CountDownLatch(1);
            Future<Integer> check = executor.submit(() -> pool.checkIdle(connection -> {
                if (connection == slow) {
                    checkingSlow.countDown();
                    try {
                        return finishCheck.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        return false;
                    }
                }
                return connection != failing;
            }));
            TestPools.awaitReached("checkIdle tested the second idle connection", checkingSlow, check);
            try {
                List<Connection> borrowed = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    borrowed.add(pool.getConnection());
                }
                for (Connection connection : borrowed) {
                    assertThat(connection.unwrap(org.h2.jdbc.JdbcConnection.class))
                            .as("a connection lent while checkIdle was still testing it")
                            .isNotSameAs(slow.unwrap(org.h2.jdbc.JdbcConnection.class));
                    connection.close();
                }
            } finally {
                finishCheck.countDown();
            }
            assertThat(Concurrently.result(check)).as("connections checkIdle closed").isEqualTo(1);
            assertThat(failing.isClosed()).as("the idle connection that failed the check is closed").isTrue();
            assertThat(slow.isClosed()).as("the idle connection that passed the check is open").isFalse();
            PoolStats stats = pool.stats();
            assertThat(stats.active()).as("connections lent after the check (" + stats + ")").isZero();
            assertThat(stats.total()).as("connections the pool owns after the check (" + stats + ")")
                    .isEqualTo(factory.open());
            assertThat(stats.idle()).as("idle connections after the check (" + stats + "): each one that passed is "
                    + "put back among the idle ones").isEqualTo(stats.total());
            assertThat(pool.checkIdle(connection -> true)).as("connections closed by a check everyone passes")
                    .isZero();
        }
    }

    @Test
    @DisplayName("addConnection adds an idle connection up to the limit, and leaves the pool unchanged when it fails")
    void addConnectionFillsUpToTheLimit() throws Exception {
        ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(2).build(), factory::connect);
        assertThat(pool.addConnection()).as("addConnection() on an empty pool").isTrue();
        assertThat(pool.stats()).as("stats after one addConnection()").isEqualTo(new PoolStats(1, 0, 1, 0));
        factory.failNextConnects(1);
        assertThat(catchThrowable(pool::addConnection)).as("addConnection() when the connect is refused")
                .isInstanceOf(SQLException.class);
        assertThat(pool.stats()).as("stats after a refused addConnection()").isEqualTo(new PoolStats(1, 0, 1, 0));
        assertThat(pool.addConnection()).as("addConnection() with 1 of 2 connections").isTrue();
        assertThat(pool.addConnection()).as("addConnection() at the limit of 2").isFalse();
        assertThat(factory.opened()).as("physical connections opened").isEqualTo(2);
        pool.close();
        assertThat(pool.addConnection()).as("addConnection() on a closed pool").isFalse();
        assertThat(factory.open()).as("physical connections open after close").isZero();
    }

    @Test
    @DisplayName("connectionOpened hears how long the connect took: at least as long as it was held, at most as long as "
            + "the borrower waited")
    void hooksHearHowLongAConnectTook() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().build(), factory::connect, hooks)) {
            TrackingConnectionFactory.ConnectGate gate = factory.holdConnects();
            AtomicLong callNanos = new AtomicLong();
            Future<Integer> borrower = executor.submit(() -> {
                long calledAt = System.nanoTime();
                try (Connection connection = pool.getConnection()) {
                    callNanos.set(System.nanoTime() - calledAt);
                    return Sql.selectOne(connection);
                }
            });
            try {
                await("a connect started for the borrower").atMost(Duration.ofSeconds(10))
                        .failFast("the borrower ended before its connect was let through",
                                TestPools.ended(List.of(borrower)))
                        .untilAsserted(() -> assertThat(gate.waiting()).as("connects held at the test's gate")
                                .isEqualTo(1));
                long heldFrom = System.nanoTime();
                await("at least 20 ms with the connect held").atMost(Duration.ofSeconds(10))
                        .until(() -> System.nanoTime() - heldFrom >= 20_000_000L);
            } finally {
                gate.open();
            }
            assertThat(TestPools.within(borrower, Duration.ofSeconds(5), pool, () -> "the borrower was not served "
                    + "after its connect was let through. stats: " + pool.stats())).isEqualTo(1);
            assertThat(hooks.lastConnect.get())
                    .as("the connect time connectionOpened heard (ns), for a connect the test held 20 ms or more")
                    .isGreaterThanOrEqualTo(20_000_000L)
                    .as("the connect time connectionOpened heard (ns): the connect happened inside the borrower's "
                            + "getConnection(), which took %d ns", callNanos.get())
                    .isLessThanOrEqualTo(callNanos.get());
        }
    }

    @Test
    @DisplayName("a canLend that throws rejects the connection: it is closed, never lent, and the pool goes on")
    void canLendThatThrowsRejects() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        PoolHooks failFirst = new PoolHooks() {
            @Override
            public boolean canLend(Connection connection, long idleNanos) {
                if (asked.incrementAndGet() == 1) {
                    throw new IllegalStateException("the validation query failed");
                }
                return true;
            }
        };
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().minConnections(1).build(), factory::connect,
                failFirst)) {
            Connection first = TestPools.physical(factory, 0, "minConnections is 1");
            try (Connection borrowed = pool.getConnection()) { // on the test's thread; the next borrow on another
                assertThat(Sql.selectOne(borrowed)).isEqualTo(1);
                assertThat(asked.get()).as("canLend calls: once, for the idle connection").isEqualTo(1);
                assertThat(first.isClosed()).as("the idle connection whose canLend threw is closed (an exception "
                        + "from the validation step means: do not lend it)").isTrue();
            }
            Future<Integer> next = executor.submit(() -> {
                try (Connection connection = pool.getConnection()) {
                    return Sql.selectOne(connection);
                }
            });
            assertThat(TestPools.within(next, Duration.ofSeconds(5), pool, () -> "a borrow on another thread after a "
                    + "connection was rejected was not served: after rejecting a connection the pool must be "
                    + "usable from every thread (a lock not released?). stats: " + pool.stats()))
                    .as("a query on another thread after the rejection").isEqualTo(1);
            assertThat(pool.stats()).as("stats after both borrowers gave their connection back")
                    .isEqualTo(new PoolStats(1, 0, 1, 0));
        }
    }

    @Test
    @DisplayName("a borrower waiting while checkIdle tests the only connection is served as soon as the check ends, "
            + "whether the connection passed or was closed")
    void checkIdleWakesAWaiter() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().minConnections(1).maxConnections(1)
                .connectionTimeout(TestPools.PATIENT).build(), factory::connect)) {
            for (boolean passes : new boolean[] {true, false}) {
                String outcome = passes ? "passed the check" : "failed the check and was closed";
                CountDownLatch testing = new CountDownLatch(1);
                CountDownLatch answer = new CountDownLatch(1);
                Future<Integer> check = executor.submit(() -> pool.checkIdle(connection -> {
                    testing.countDown();
                    try {
                        return answer.await(20, TimeUnit.SECONDS) && passes;
                    } catch (InterruptedException e) {
                        return false;
                    }
                }));
                TestPools.awaitReached("checkIdle is testing the only idle connection", testing, check);
                List<Thread> waiterThread = Collections.synchronizedList(new ArrayList<>());
                Future<Integer> waiter = executor.submit(() -> {
                    waiterThread.add(Thread.currentThread());
                    try (Connection connection = pool.getConnection()) {
                        return Sql.selectOne(connection);
                    }
                });
                try {
                    TestPools.awaitBlocked("a borrower blocked in getConnection() while checkIdle tests the only "
                            + "connection (maxConnections is 1)", waiterThread, 1, List.of(waiter, check));
                } finally {
                    answer.countDown();
                }
                assertThat(TestPools.within(check, Duration.ofSeconds(5), () -> "checkIdle did not return once its "
                        + "test answered. stats: " + pool.stats())).as("connections checkIdle closed, when the "
                        + "connection %s", outcome).isEqualTo(passes ? 0 : 1);
                assertThat(TestPools.allWithin(List.of(waiter), Duration.ofSeconds(5), TestPools.stallBelow(pool, 1),
                        () -> "waiting in getConnection() (connectionTimeout 20 s) after the only connection "
                                + outcome + ": the end of a check must wake a waiting borrower, for the connection "
                                + "put back or for the slot of the one closed. stats: " + pool.stats()).get(0))
                        .as("the waiter's query, after the connection %s", outcome).isEqualTo(1);
                TestPools.awaitGivenBack(pool, "the waiter's connection (its handle closed)");
            }
            assertThat(factory.opened()).as("physical connections opened: the first, and one in place of the one that "
                    + "failed the check").isEqualTo(2);
        }
    }

    @Test
    @DisplayName("a checkIdle test that throws counts as a failure: that connection is closed")
    void checkIdleCountsAnExceptionAsAFailure() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().minConnections(1).build(), factory::connect)) {
            Connection first = TestPools.physical(factory, 0, "minConnections is 1");
            assertThat(pool.checkIdle(connection -> {
                throw new IllegalStateException("the validation query failed");
            })).as("connections closed by a check that threw for the only idle one").isEqualTo(1);
            assertThat(first.isClosed()).as("the idle connection whose check threw").isTrue();
            assertThat(pool.stats()).as("stats after that").isEqualTo(new PoolStats(0, 0, 0, 0));
        }
    }

    @Test
    @DisplayName("checkIdle closes an idle connection past maxLifetime, whatever the check would say")
    void checkIdleRetiresConnectionsPastMaxLifetime() throws Exception {
        Duration lifetime = Duration.ofMillis(200);
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().minConnections(1).maxConnections(2)
                .maxLifetime(lifetime).build(), factory::connect)) {
            Connection first = TestPools.physical(factory, 0, "minConnections is 1");
            long openedBy = System.nanoTime();
            await("twice maxLifetime to pass").atMost(Duration.ofSeconds(20))
                    .until(() -> System.nanoTime() - openedBy > 2 * lifetime.toNanos());
            assertThat(pool.checkIdle(connection -> true))
                    .as("connections closed by a check everyone passes, when the only idle connection is twice past "
                            + "maxLifetime (Task 5's rules retire it; no check can keep it)").isEqualTo(1);
            assertThat(first.isClosed()).as("the idle connection past maxLifetime, after checkIdle").isTrue();
        }
    }

    @Test
    @DisplayName("a connection added by addConnection goes at once to a borrower already waiting, within the limit")
    void addConnectionServesAWaiter() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(2)
                .connectionTimeout(TestPools.PATIENT).build(), factory::connect)) {
            Connection held = pool.getConnection();
            TrackingConnectionFactory.ConnectGate gate = factory.holdConnects();
            Future<Boolean> adding = executor.submit(pool::addConnection);
            List<Thread> waiterThread = Collections.synchronizedList(new ArrayList<>());
            Future<Integer> waiter;
            try {
                await("addConnection's connect held at the test's gate").atMost(Duration.ofSeconds(10))
                        .failFast("addConnection() ended before its connect was let through",
                                TestPools.ended(List.of(adding)))
                        .untilAsserted(() -> assertThat(gate.waiting()).as("connects held at the test's gate")
                                .isEqualTo(1));
                waiter = executor.submit(() -> {
                    waiterThread.add(Thread.currentThread());
                    try (Connection connection = pool.getConnection()) {
                        return Sql.selectOne(connection);
                    }
                });
                TestPools.awaitBlocked("a borrower blocked in getConnection() while addConnection connects in the last "
                        + "free slot", waiterThread, 1, List.of(waiter, adding));
            } finally {
                gate.open();
            }
            assertThat(TestPools.within(adding, Duration.ofSeconds(5), () -> "addConnection() did not return once its "
                    + "connect was let through. stats: " + pool.stats())).as("addConnection() below the limit")
                    .isTrue();
            assertThat(TestPools.allWithin(List.of(waiter), Duration.ofSeconds(5), TestPools.stallBelow(pool, 2),
                    () -> "waiting in getConnection() (connectionTimeout 20 s) after addConnection() added an idle "
                            + "connection: adding one must wake a waiting borrower. stats: " + pool.stats()).get(0))
                    .as("the waiter's query").isEqualTo(1);
            held.close();
            assertThat(factory.peakOpen()).as("most physical connections open at once (maxConnections is 2; "
                    + "addConnection reserves its slot before it connects, so a borrower cannot take it meanwhile)")
                    .isLessThanOrEqualTo(2);
            assertThat(pool.stats()).as("stats after the waiter and the holder gave theirs back")
                    .isEqualTo(new PoolStats(2, 0, 2, 0));
        }
    }

    @Test
    @DisplayName("a connection addConnection opens while the pool closes is closed, not added")
    void addConnectionWhileThePoolCloses() throws Exception {
        ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(2).build(), factory::connect);
        TrackingConnectionFactory.ConnectGate gate = factory.holdConnects();
        Future<Object> adding = executor.submit(() -> {
            try {
                return pool.addConnection();
            } catch (SQLException e) {
                return e;
            }
        });
        try {
            await("addConnection's connect held at the test's gate").atMost(Duration.ofSeconds(10))
                    .failFast("addConnection() ended before its connect was let through",
                            TestPools.ended(List.of(adding)))
                    .untilAsserted(() -> assertThat(gate.waiting()).as("connects held at the test's gate")
                            .isEqualTo(1));
            pool.close();
        } finally {
            gate.open();
        }
        assertThat(TestPools.within(adding, Duration.ofSeconds(5), () -> "addConnection() did not return once its "
                + "connect was let through"))
                .as("what addConnection() answered when the pool closed during its connect (false: nothing added)")
                .isNotEqualTo(true);
        assertThat(factory.open()).as("physical connections open after addConnection's connect ended on a closed "
                + "pool (the connection it opened must be closed)").isZero();
        assertThat(pool.stats()).as("stats of the closed pool").isEqualTo(new PoolStats(0, 0, 0, 0));
    }

    @Test
    @DisplayName("the limit may be lowered to minConnections, which keeps the idle connections, but not below it")
    void limitDownToMinConnections() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().minConnections(2).maxConnections(4).build(),
                factory::connect)) {
            pool.setMaxConnections(2);
            assertThat(pool.maxConnections()).as("maxConnections() after setMaxConnections(2)").isEqualTo(2);
            assertThat(pool.stats()).as("stats after lowering the limit to the 2 idle connections the pool has: "
                    + "none is above it").isEqualTo(new PoolStats(2, 0, 2, 0));
            assertThat(catchThrowable(() -> pool.setMaxConnections(1)))
                    .as("setMaxConnections(1) on a pool with minConnections=2").isInstanceOf(IllegalArgumentException.class);
            assertThat(pool.maxConnections()).as("maxConnections() after a rejected setMaxConnections(1)").isEqualTo(2);
            assertThat(factory.closed()).as("physical connections closed").isZero();
        }
    }
}
