package poolkit.priority;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.Concurrently;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static poolkit.priority.Priority.CRITICAL;
import static poolkit.priority.Priority.REGULAR;

/**
 * Every test exhausts a pool, lines borrowers up in a known order, then gives connections back one at a time and
 * checks who got each (see {@link WaitingLine}). Aging is configured far off here: StarvationTest covers it.
 */
@DisplayName("Task 3: who gets a connection given back")
class HandOffOrderTest {

    private final TrackingConnectionFactory factory = new TrackingConnectionFactory(TestDatabases.h2());

    @Test
    @DisplayName("with 3 regular and then 2 critical borrowers waiting, the next 2 hand-offs go to the critical ones")
    void criticalWaitersFirst() throws Exception {
        try (PriorityPool pool = new PriorityPool(TestPools.config().maxConnections(2).build(), factory::connect);
             WaitingLine line = new WaitingLine(pool)) {
            line.hold(REGULAR);
            line.hold(REGULAR);
            line.join("R1", REGULAR);
            line.join("R2", REGULAR);
            line.join("R3", REGULAR);
            line.join("C1", CRITICAL);
            line.join("C2", CRITICAL);

            assertThat(line.releaseEach(5))
                    .as("who got each connection given back (waiting, in arrival order: R1 R2 R3 C1 C2): "
                            + "critical waiters first, each line in arrival order")
                    .containsExactly("C1", "C2", "R1", "R2", "R3");
            assertThat(factory.opened()).as("physical connections opened (maxConnections is 2)").isEqualTo(2);
        }
    }

    @Test
    @DisplayName("whatever the arrival order, critical waiters are served first, each line first come, first served")
    void interleavedArrivals() throws Exception {
        try (PriorityPool pool = new PriorityPool(TestPools.config().maxConnections(1).build(), factory::connect);
             WaitingLine line = new WaitingLine(pool)) {
            line.hold(CRITICAL);
            line.join("R1", REGULAR);
            line.join("C1", CRITICAL);
            line.join("R2", REGULAR);
            line.join("C2", CRITICAL);
            line.join("R3", REGULAR);
            line.join("C3", CRITICAL);

            assertThat(line.releaseEach(6))
                    .as("who got each connection given back (arrival order: R1 C1 R2 C2 R3 C3)")
                    .containsExactly("C1", "C2", "C3", "R1", "R2", "R3");
        }
    }

    @Test
    @DisplayName("regular borrowers alone are served first come, first served")
    void regularFifo() throws Exception {
        try (PriorityPool pool = new PriorityPool(TestPools.config().maxConnections(2).build(), factory::connect);
             WaitingLine line = new WaitingLine(pool)) {
            line.hold(REGULAR);
            line.hold(REGULAR);
            for (int i = 1; i <= 5; i++) {
                line.join("R" + i, REGULAR);
            }
            assertThat(line.releaseEach(5)).as("who got each connection given back (arrival order: R1 to R5)")
                    .containsExactly("R1", "R2", "R3", "R4", "R5");
        }
    }

    @Test
    @DisplayName("critical borrowers alone are served first come, first served")
    void criticalFifo() throws Exception {
        try (PriorityPool pool = new PriorityPool(TestPools.config().maxConnections(2).build(), factory::connect);
             WaitingLine line = new WaitingLine(pool)) {
            line.hold(CRITICAL);
            line.hold(REGULAR);
            for (int i = 1; i <= 4; i++) {
                line.join("C" + i, CRITICAL);
            }
            assertThat(line.releaseEach(4)).as("who got each connection given back (arrival order: C1 to C4)")
                    .containsExactly("C1", "C2", "C3", "C4");
        }
    }

    @Test
    @DisplayName("a critical borrower arriving late goes ahead of regular borrowers who waited longer")
    void lateCriticalGoesFirst() throws Exception {
        try (PriorityPool pool = new PriorityPool(TestPools.config().maxConnections(1).build(), factory::connect);
             WaitingLine line = new WaitingLine(pool)) {
            line.hold(REGULAR);
            line.join("R1", REGULAR);
            line.join("R2", REGULAR);
            assertThat(line.releaseOne()).as("1st connection given back (waiting: R1 R2)").isEqualTo("R1");
            line.join("C1", CRITICAL);
            assertThat(line.releaseOne()).as("2nd connection given back (waiting: R2, then C1 arrived)").isEqualTo("C1");
            assertThat(line.releaseOne()).as("3rd connection given back (waiting: R2)").isEqualTo("R2");
        }
    }

    @Test
    @DisplayName("a connection given back goes to the borrower waiting for it, not to one who asks just after")
    void noBargingIn() throws Exception {
        List<String> served = new CopyOnWriteArrayList<>();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (PriorityPool pool = new PriorityPool(TestPools.config().maxConnections(1).build(), factory::connect)) {
            Connection held = pool.getConnection(CRITICAL);
            Future<?> waiter = executor.submit(() -> {
                try (Connection connection = pool.getConnection(CRITICAL)) {
                    served.add("waiter");
                }
                return null;
            });
            await("the critical borrower to wait for the only connection, held").atMost(Duration.ofSeconds(20))
                    .failFast("the critical borrower ended instead of waiting for the only connection, held", () -> {
                        if (waiter.isDone()) {
                            throw new AssertionError("it returned " + Concurrently.result(waiter) + " (stats: "
                                    + pool.stats() + ")");
                        }
                    })
                    .untilAsserted(() -> assertThat(pool.stats().criticalWaiting())
                            .as("critical borrowers waiting (stats: %s)", pool.stats()).isEqualTo(1));

            held.close(); // the waiter's, even though this thread is already running and asks at once
            try (Connection mine = pool.getConnection(CRITICAL)) {
                served.add("latecomer");
            }
            Concurrently.result(waiter);
            assertThat(served).as("who got the connection first: the borrower that waited for it, or this thread, "
                    + "which asked for one right after giving it back (a hand-off must not be snatched away)")
                    .containsExactly("waiter", "latecomer");
        } finally {
            executor.shutdownNow();
        }
    }
}
