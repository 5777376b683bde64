package poolkit.priority;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.Concurrently;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;
import poolkit.testsupport.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static poolkit.priority.Priority.CRITICAL;
import static poolkit.priority.Priority.REGULAR;

@DisplayName("Task 3: waiting in two lines")
class WaitingTest {

    /** How far past its timeout a borrower may give up on a loaded machine: far more than scheduling ever adds. */
    private static final long OVERSHOOT_MILLIS = 1500;
    /** How long a borrower with a 300 ms timeout may take to give up before the test stops waiting for it. */
    private static final long GIVE_UP_SECONDS = 5;
    /** How long the test waits for something that should happen at once, on the most loaded machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    /** How long a waiter may take to be served after what it waits for came free, on the most loaded machine. */
    private static final long SERVED_SECONDS = 10;

    private final TrackingConnectionFactory factory = new TrackingConnectionFactory(TestDatabases.h2());
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stopWorkers() {
        executor.shutdownNow();
    }

    /**
     * Borrows with {@code priority} on a pool with nothing free, expecting it to give up after its own 300 ms
     * timeout; returns what it threw. Bounded, so a borrower waiting the other priority's 30 s fails here in seconds.
     */
    private Throwable giveUp(PriorityPool pool, Priority priority, String timeouts) throws Exception {
        Future<Throwable> borrower = executor.submit(() -> catchThrowable(() -> pool.getConnection(priority).close()));
        try {
            return borrower.get(GIVE_UP_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("a " + priority + " borrower was still waiting " + GIVE_UP_SECONDS + " s after it "
                    + "asked (" + timeouts + "): each priority waits at most its own timeout, config.timeoutFor("
                    + priority + "). stats " + pool.stats(), e);
        }
    }

    @Test
    @DisplayName("a regular borrower gives up after connectionTimeout, while a critical one keeps waiting on its own timeout")
    void regularTimeoutIsItsOwn() throws Exception {
        PriorityPoolConfig config = TestPools.config().maxConnections(1)
                .connectionTimeout(Duration.ofMillis(300)).criticalTimeout(Duration.ofSeconds(30)).build();
        try (PriorityPool pool = new PriorityPool(config, factory::connect);
             WaitingLine line = new WaitingLine(pool)) {
            line.hold(REGULAR);
            line.join("C1", CRITICAL);

            long start = System.nanoTime();
            Throwable thrown = giveUp(pool, REGULAR, "connectionTimeout is 300 ms, criticalTimeout 30 s");
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(thrown).as("what a regular borrower gets when nothing comes free within connectionTimeout")
                    .isInstanceOf(SQLTransientConnectionException.class);
            assertThat(waitedMillis).as("ms the regular borrower waited; connectionTimeout is 300 ms")
                    .isGreaterThanOrEqualTo(270)
                    .as("ms the regular borrower waited; connectionTimeout is 300 ms, an upper bound too")
                    .isLessThan(300 + OVERSHOOT_MILLIS);
            assertThat(thrown.getMessage()).as("the timeout message names the priority and shows the pool's state")
                    .containsIgnoringCase("regular").contains("total=1", "active=1", "criticalWaiting=1");
            assertThat(pool.stats().regularWaiting()).as("regular borrowers still counted as waiting after timing out")
                    .isZero();

            assertThat(line.releaseOne()).as("who got the connection given back").isEqualTo("C1");
        }
    }

    @Test
    @DisplayName("a critical borrower gives up after criticalTimeout and leaves its line: the next connection goes to a regular one")
    void criticalTimeoutIsItsOwn() throws Exception {
        PriorityPoolConfig config = TestPools.config().maxConnections(1)
                .connectionTimeout(Duration.ofSeconds(30)).criticalTimeout(Duration.ofMillis(300)).build();
        try (PriorityPool pool = new PriorityPool(config, factory::connect);
             WaitingLine line = new WaitingLine(pool)) {
            line.hold(REGULAR);
            line.join("R1", REGULAR);

            long start = System.nanoTime();
            Throwable thrown = giveUp(pool, CRITICAL, "criticalTimeout is 300 ms, connectionTimeout 30 s");
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(thrown).as("what a critical borrower gets when nothing comes free within criticalTimeout")
                    .isInstanceOf(SQLTransientConnectionException.class);
            assertThat(waitedMillis).as("ms the critical borrower waited; criticalTimeout is 300 ms")
                    .isGreaterThanOrEqualTo(270)
                    .as("ms the critical borrower waited; criticalTimeout is 300 ms, an upper bound too")
                    .isLessThan(300 + OVERSHOOT_MILLIS);
            assertThat(thrown.getMessage()).as("the timeout message names the priority and shows the pool's state")
                    .containsIgnoringCase("critical").contains("total=1", "active=1", "regularWaiting=1");
            assertThat(pool.stats().criticalWaiting()).as("critical borrowers still counted as waiting after timing out")
                    .isZero();

            assertThat(line.releaseOne())
                    .as("who got the connection given back (the critical borrower had already given up)")
                    .isEqualTo("R1");
        }
    }

    @Test
    @DisplayName("a timeout is a deadline: hand-offs to other borrowers while a regular one waits do not extend its wait")
    void handOffsToOthersDoNotExtendATimeout() throws Exception {
        PriorityPoolConfig config = TestPools.config().maxConnections(2).criticalReserve(1)
                .connectionTimeout(Duration.ofMillis(300)).build();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger criticalServed = new AtomicInteger();
        try (PriorityPool pool = new PriorityPool(config, factory::connect);
             Connection keeper = pool.getConnection(CRITICAL)) {
            // The other connection is the reserve: two critical borrowers take turns on it, a regular one never may.
            List<Future<?>> churn = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                churn.add(executor.submit(() -> {
                    while (!stop.get()) {
                        pool.getConnection(CRITICAL).close();
                        criticalServed.incrementAndGet();
                    }
                    return null;
                }));
            }
            await("critical borrowers taking turns on the reserved connection").atMost(PATIENCE)
                    .until(() -> criticalServed.get() >= 20);
            long start = System.nanoTime();
            Throwable thrown;
            try {
                thrown = giveUp(pool, REGULAR, "connectionTimeout is 300 ms, and critical borrowers were served "
                        + "meanwhile: a waiter woken by someone else's hand-off must wait only what is left until "
                        + "its deadline, not its whole timeout again");
            } finally {
                stop.set(true);
            }
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(thrown).as("what a regular borrower got while only the reserve came free (maxConnections 2, "
                    + "criticalReserve 1, one connection kept by the test)")
                    .isInstanceOf(SQLTransientConnectionException.class);
            assertThat(waitedMillis).as("ms the regular borrower waited (connectionTimeout 300 ms) while critical "
                    + "borrowers were served").isLessThan(300 + OVERSHOOT_MILLIS);
            for (Future<?> borrower : churn) {
                Concurrently.result(borrower);
            }
        }
    }

    @Test
    @DisplayName("a regular borrower never takes the reserve, not even a connection given back: it waits until more is free")
    void reserveHoldsForWaiters() throws Exception {
        PriorityPoolConfig config = TestPools.config().maxConnections(2).criticalReserve(1)
                .criticalTimeout(Duration.ofSeconds(5)).build();
        try (PriorityPool pool = new PriorityPool(config, factory::connect);
             WaitingLine line = new WaitingLine(pool)) {
            Connection regular = pool.getConnection(REGULAR);
            line.join("R2", REGULAR); // one connection is free, but it is the reserve

            Connection critical = pool.getConnection(CRITICAL);
            critical.close(); // back to the reserve: R2 must not get it
            Throwable thrown = catchThrowable(() -> pool.getConnection(CRITICAL).close());
            assertThat(thrown).as("a critical borrower asking for the reserved connection just given back "
                    + "(if it went to the waiting regular borrower, the reserve is gone)").isNull();
            assertThat(pool.stats().regularWaiting()).as("regular borrowers waiting while only the reserve is free")
                    .isEqualTo(1);
            assertThat(line.served()).as("borrowers served so far").isEmpty();

            regular.close(); // now two are free: one for R2, one kept in reserve
            await("R2 to be served once two connections are free (reserve 1)").atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(line.served())
                            .as("served once two connections were free (reserve 1; stats: %s)", pool.stats())
                            .containsExactly("R2"));
            assertThat(factory.peakOpen()).as("most physical connections open at once (maxConnections is 2)")
                    .isLessThanOrEqualTo(2);
        }
    }

    @Test
    @DisplayName("closing the pool wakes the borrowers of both lines with an SQLException saying it is closed")
    void closeWakesBothLines() throws Exception {
        PriorityPool pool = new PriorityPool(TestPools.config().maxConnections(1).build(), factory::connect);
        try (WaitingLine line = new WaitingLine(pool)) {
            line.hold(REGULAR);
            line.join("C1", CRITICAL);
            line.join("R1", REGULAR);
            pool.close();
            for (String id : new String[] {"C1", "R1"}) {
                Throwable thrown;
                try {
                    line.borrower(id).get(SERVED_SECONDS, TimeUnit.SECONDS);
                    thrown = null;
                } catch (ExecutionException e) {
                    thrown = e.getCause();
                } catch (TimeoutException e) {
                    throw new AssertionError(id + " was still waiting " + SERVED_SECONDS + " s after close() (its "
                            + "timeout is 30 s): closing must wake every waiter of both lines at once", e);
                }
                assertThat(thrown).as("what %s, waiting when the pool was closed, got", id)
                        .isInstanceOf(SQLException.class).hasMessageContaining("closed");
            }
        }
    }

    @Test
    @DisplayName("an interrupted waiter gets an SQLException, keeps its interrupt flag and leaves its line")
    void interruptedWaiterLeaves() throws Exception {
        try (PriorityPool pool = new PriorityPool(TestPools.config().maxConnections(1).build(), factory::connect);
             WaitingLine line = new WaitingLine(pool)) {
            line.hold(REGULAR);
            AtomicReference<Thread> waiterThread = new AtomicReference<>();
            Future<Object> interrupted = executor.submit(() -> {
                waiterThread.set(Thread.currentThread());
                try (Connection unexpected = pool.getConnection(CRITICAL)) {
                    return "got a connection although the only one was lent";
                } catch (SQLException e) {
                    return Thread.currentThread().isInterrupted() ? e : "SQLException, but the interrupt flag was cleared";
                }
            });
            awaitCriticalWaiting(pool, interrupted);
            line.join("R1", REGULAR);
            waiterThread.get().interrupt();

            assertThat(Concurrently.result(interrupted)).as("what the interrupted waiter saw")
                    .isInstanceOf(SQLException.class);
            assertThat(pool.stats().criticalWaiting()).as("critical borrowers waiting after the interrupted one left")
                    .isZero();
            assertThat(line.releaseOne()).as("who got the connection given back").isEqualTo("R1");
        }
    }

    @Test
    @DisplayName("an interrupted waiter frees no slot it did not hold: the critical waiter behind it still waits for the one connection")
    void interruptedWaiterFreesNothing() throws Exception {
        try (PriorityPool pool = new PriorityPool(TestPools.config().maxConnections(1).build(), factory::connect);
             WaitingLine line = new WaitingLine(pool)) {
            line.hold(REGULAR);
            AtomicReference<Thread> waiterThread = new AtomicReference<>();
            Future<Object> interrupted = executor.submit(() -> {
                waiterThread.set(Thread.currentThread());
                try (Connection unexpected = pool.getConnection(REGULAR)) {
                    return "got a connection although the only one was lent";
                } catch (SQLException e) {
                    return e;
                }
            });
            await("the regular borrower to wait for the only connection, lent").atMost(PATIENCE)
                    .failFast("the regular borrower ended instead of waiting for the only connection, lent", () -> {
                        if (interrupted.isDone()) {
                            throw new AssertionError("it returned " + Concurrently.result(interrupted) + " (stats: "
                                    + pool.stats() + ")");
                        }
                    })
                    .untilAsserted(() -> assertThat(pool.stats().regularWaiting())
                            .as("regular borrowers waiting (stats: %s)", pool.stats()).isEqualTo(1));
            line.join("C1", CRITICAL);
            waiterThread.get().interrupt();

            assertThat(Concurrently.result(interrupted)).as("what the interrupted waiter saw")
                    .isInstanceOf(SQLException.class);
            assertThat(pool.stats())
                    .as("stats once the interrupted regular waiter gave up, the one connection still lent and C1 "
                            + "waiting: a waiter that was given nothing gives nothing back (no active-- or total--, "
                            + "which would let C1 open a second connection with maxConnections 1); it only leaves "
                            + "its line")
                    .isEqualTo(new PriorityPoolStats(1, 1, 0, 1, 0));
            assertThat(line.releaseOne()).as("who got the connection given back").isEqualTo("C1");
            assertThat(factory.peakOpen()).as("most physical connections open at once (maxConnections is 1)")
                    .isEqualTo(1);
        }
    }

    @Test
    @DisplayName("borrowers whose connects are slow never open more than maxConnections: the slot is counted before connecting")
    void slowConnectsStayWithinMax() throws Exception {
        try (PriorityPool pool = new PriorityPool(TestPools.config().maxConnections(2).build(), factory::connect)) {
            TrackingConnectionFactory.ConnectGate gate = factory.holdConnects();
            List<Future<Integer>> borrowers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                borrowers.add(executor.submit(() -> {
                    try (Connection connection = pool.getConnection(REGULAR)) {
                        return Sql.selectOne(connection);
                    }
                }));
            }
            await("each of 4 borrowers either connecting (held at the test's gate) or waiting in line")
                    .atMost(PATIENCE).until(() -> gate.waiting() + pool.stats().waiting() == 4);
            assertThat(gate.waiting())
                    .as("connects in flight at once with maxConnections 2 (stats %s): count the slot in total under "
                            + "the lock before connecting, or borrowers arriving during a slow connect open more",
                            pool.stats())
                    .isEqualTo(2);

            gate.open();
            for (Future<Integer> borrower : borrowers) {
                assertThat(Concurrently.result(borrower)).as("SELECT 1 on a borrower's connection").isEqualTo(1);
            }
            assertThat(factory.peakOpen()).as("most physical connections open at once (maxConnections is 2)")
                    .isLessThanOrEqualTo(2);
        }
    }

    @Test
    @DisplayName("a slot freed by a failed connect goes at once to the borrower already waiting")
    void failedConnectFreesTheSlotForTheWaiter() throws Exception {
        try (PriorityPool pool = new PriorityPool(TestPools.config().maxConnections(1).build(), factory::connect)) {
            TrackingConnectionFactory.ConnectGate gate = factory.holdConnects();
            factory.failNextConnects(1);
            Future<Throwable> first = executor.submit(() -> catchThrowable(() -> pool.getConnection(CRITICAL).close()));
            await("the first borrower's connect, held at the test's gate").atMost(PATIENCE)
                    .until(() -> gate.waiting() == 1);
            Future<Integer> second = executor.submit(() -> {
                try (Connection connection = pool.getConnection(REGULAR)) {
                    return Sql.selectOne(connection);
                }
            });
            await("the second borrower counted as waiting (the only slot is the first borrower's)").atMost(PATIENCE)
                    .failFast("the second borrower finished although the only slot was taken", second::isDone)
                    .until(() -> pool.stats().regularWaiting() == 1);

            gate.open(); // the first borrower's connect fails now
            assertThat(Concurrently.result(first)).as("what the borrower whose connect failed got")
                    .isInstanceOf(SQLException.class).hasStackTraceContaining("injected connect failure");
            try {
                assertThat(second.get(SERVED_SECONDS, TimeUnit.SECONDS)).as("SELECT 1 on the waiter's connection")
                        .isEqualTo(1);
            } catch (TimeoutException e) {
                throw new AssertionError("the waiting borrower was not served within " + SERVED_SECONDS + " s after "
                        + "the connect in the only slot failed: a failed connect frees its slot (total--), and the "
                        + "slot goes to the next waiter at once. stats " + pool.stats(), e);
            } catch (ExecutionException e) {
                throw new AssertionError("the waiting borrower failed after the connect in the only slot failed: "
                        + e.getCause(), e.getCause());
            }
            assertThat(pool.stats()).as("stats once the waiter gave its connection back")
                    .isEqualTo(new PriorityPoolStats(1, 0, 1, 0, 0));
        }
    }

    @Test
    @DisplayName("waiters that give up while connections are handed over lose none: after a storm of 2 ms waits, every connection is accounted for")
    void timeoutsRacingHandOffsLoseNothing() throws Exception {
        PriorityPoolConfig config = TestPools.config().maxConnections(2)
                .connectionTimeout(Duration.ofMillis(2)).criticalTimeout(Duration.ofMillis(2)).build();
        try (PriorityPool pool = new PriorityPool(config, factory::connect)) {
            List<String> outcomes = Concurrently.run(8, 3000, i -> {
                try (Connection connection = pool.getConnection(i % 3 == 0 ? CRITICAL : REGULAR)) {
                    return "served " + Sql.selectOne(connection);
                } catch (SQLTransientConnectionException timedOut) {
                    return "timed out";
                }
            });
            PriorityPoolStats after = pool.stats();
            assertThat(after.active())
                    .as("connections counted as lent after every borrower gave its own back, following %d time-outs "
                            + "(stats %s): a waiter whose time runs out just as it is served must take what it was "
                            + "given, or give it back, never drop it",
                            outcomes.stream().filter("timed out"::equals).count(), after)
                    .isZero();
            assertThat(after.waiting()).as("borrowers still counted as waiting at the end (stats %s)", after).isZero();
            assertThat(after.idle()).as("idle connections at the end: every one the pool holds (stats %s)", after)
                    .isEqualTo(after.total());
            assertThat(factory.open()).as("physical connections open at the end: those the pool holds (stats %s)", after)
                    .isEqualTo(after.total());
            assertThat(factory.peakOpen()).as("most physical connections open at once (maxConnections is 2)")
                    .isLessThanOrEqualTo(2);
        }
    }

    @Test
    @DisplayName("a broken connection given back does not strand the waiter: it gets a new one in that slot")
    void brokenConnectionIsReplacedForTheWaiter() throws Exception {
        try (PriorityPool pool = new PriorityPool(TestPools.config().maxConnections(1).build(), factory::connect)) {
            Connection held = pool.getConnection(REGULAR);
            Future<Integer> waiter = executor.submit(() -> {
                try (Connection connection = pool.getConnection(CRITICAL)) {
                    return Sql.selectOne(connection);
                }
            });
            awaitCriticalWaiting(pool, waiter);
            factory.physicalConnections().get(0).close(); // the database dropped it
            held.close();
            try {
                assertThat(waiter.get(20, TimeUnit.SECONDS)).as("SELECT 1 on the connection the waiter got").isEqualTo(1);
            } catch (ExecutionException e) {
                throw new AssertionError("the waiter failed after a broken connection was given back: " + e.getCause(), e);
            } catch (TimeoutException e) {
                throw new AssertionError("the waiter was not served within 20 s after a broken connection was given "
                        + "back: the slot it freed must go to the waiter, to open a new connection in. stats "
                        + pool.stats(), e);
            }
            assertThat(factory.opened()).as("physical connections opened (the broken one was replaced)").isEqualTo(2);
        }
    }

    /**
     * Waits until the pool counts the one critical borrower the test started as waiting; fails at once when that
     * borrower ends instead (with what it threw or got), and otherwise with the stats.
     */
    private static void awaitCriticalWaiting(PriorityPool pool, Future<?> borrower) {
        await("the critical borrower to wait for the only connection, lent").atMost(Duration.ofSeconds(20))
                .failFast("the critical borrower ended instead of waiting for the only connection, lent", () -> {
                    if (borrower.isDone()) {
                        throw new AssertionError("it returned " + Concurrently.result(borrower) + " (stats: "
                                + pool.stats() + ")");
                    }
                })
                .untilAsserted(() -> assertThat(pool.stats().criticalWaiting())
                        .as("critical borrowers waiting (stats: %s)", pool.stats()).isEqualTo(1));
    }
}
