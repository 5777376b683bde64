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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static poolkit.priority.Priority.CRITICAL;
import static poolkit.priority.Priority.REGULAR;

@DisplayName("Task 3: waiting in two lines")
class WaitingTest {

    private final TrackingConnectionFactory factory = new TrackingConnectionFactory(TestDatabases.h2());
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stopWorkers() {
        executor.shutdownNow();
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
            Throwable thrown = catchThrowable(() -> pool.getConnection(REGULAR).close());
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(thrown).as("what a regular borrower gets when nothing comes free within connectionTimeout")
                    .isInstanceOf(SQLTransientConnectionException.class);
            assertThat(waitedMillis).as("ms the regular borrower waited; connectionTimeout is 300 ms")
                    .isGreaterThanOrEqualTo(270);
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
            Throwable thrown = catchThrowable(() -> pool.getConnection(CRITICAL).close());
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(thrown).as("what a critical borrower gets when nothing comes free within criticalTimeout")
                    .isInstanceOf(SQLTransientConnectionException.class);
            assertThat(waitedMillis).as("ms the critical borrower waited; criticalTimeout is 300 ms")
                    .isGreaterThanOrEqualTo(270);
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
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(line.served())
                    .as("served once two connections were free (reserve 1)").containsExactly("R2"));
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
                Throwable thrown = catchThrowable(() -> Concurrently.result(line.borrower(id)));
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
            await().atMost(Duration.ofSeconds(20)).until(() -> pool.stats().criticalWaiting() == 1);
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
    @DisplayName("a broken connection given back does not strand the waiter: it gets a new one in that slot")
    void brokenConnectionIsReplacedForTheWaiter() throws Exception {
        try (PriorityPool pool = new PriorityPool(TestPools.config().maxConnections(1).build(), factory::connect)) {
            Connection held = pool.getConnection(REGULAR);
            Future<Integer> waiter = executor.submit(() -> {
                try (Connection connection = pool.getConnection(CRITICAL)) {
                    return Sql.selectOne(connection);
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> pool.stats().criticalWaiting() == 1);
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
}
