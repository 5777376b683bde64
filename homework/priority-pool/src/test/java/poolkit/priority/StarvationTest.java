package poolkit.priority;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static poolkit.priority.Priority.CRITICAL;
import static poolkit.priority.Priority.REGULAR;

/**
 * The anti-starvation rule: a regular waiter is passed over each time a connection it could have taken goes to a
 * critical borrower instead; once passed over maxPassOvers times, it is served next, before any critical waiter.
 * Counting hand-offs, not time, keeps these tests exact.
 */
@DisplayName("Task 4: regular borrowers are not starved")
class StarvationTest {

    private final TrackingConnectionFactory factory = new TrackingConnectionFactory(TestDatabases.h2());

    @Test
    @DisplayName("with maxPassOvers 2, regular waiters passed over twice are served next, before the critical ones still waiting")
    void passedOverTwiceIsServedNext() throws Exception {
        try (PriorityPool pool = new PriorityPool(TestPools.config().maxConnections(1).maxPassOvers(2).build(),
                factory::connect);
             WaitingLine line = new WaitingLine(pool)) {
            line.hold(CRITICAL);
            line.join("R1", REGULAR);
            line.join("R2", REGULAR);
            for (int i = 1; i <= 5; i++) {
                line.join("C" + i, CRITICAL);
            }
            assertThat(line.releaseEach(7))
                    .as("who got each connection given back (waiting: R1 R2, then C1 to C5; maxPassOvers 2). "
                            + "After C1 and C2, R1 and R2 have both been passed over twice: both are due")
                    .containsExactly("C1", "C2", "R1", "R2", "C3", "C4", "C5");
        }
    }

    @Test
    @DisplayName("each regular waiter counts only the times it was passed over itself, from its own arrival")
    void passOversCountFromArrival() throws Exception {
        try (PriorityPool pool = new PriorityPool(TestPools.config().maxConnections(1).maxPassOvers(2).build(),
                factory::connect);
             WaitingLine line = new WaitingLine(pool)) {
            line.hold(CRITICAL);
            line.join("R1", REGULAR);
            line.join("C1", CRITICAL);
            line.join("C2", CRITICAL);
            line.join("C3", CRITICAL);
            assertThat(line.releaseOne()).as("1st hand-off (waiting: R1, C1 C2 C3)").isEqualTo("C1");
            line.join("R2", REGULAR);
            assertThat(line.releaseOne()).as("2nd hand-off (R1 passed over once; R2 just arrived)").isEqualTo("C2");
            assertThat(line.releaseOne()).as("3rd hand-off (R1 passed over twice: due)").isEqualTo("R1");
            assertThat(line.releaseOne()).as("4th hand-off (R2 passed over once, by C2)").isEqualTo("C3");
            line.join("C4", CRITICAL);
            line.join("C5", CRITICAL);
            assertThat(line.releaseOne()).as("5th hand-off (R2 passed over twice, by C2 and C3: due)").isEqualTo("R2");
            assertThat(line.releaseEach(2)).as("the last hand-offs (waiting: C4 C5)").containsExactly("C4", "C5");
        }
    }

    @Test
    @DisplayName("with maxPassOvers 1, critical and regular waiters take turns")
    void maxPassOversOneAlternates() throws Exception {
        try (PriorityPool pool = new PriorityPool(TestPools.config().maxConnections(1).maxPassOvers(1).build(),
                factory::connect);
             WaitingLine line = new WaitingLine(pool)) {
            line.hold(REGULAR);
            line.join("R1", REGULAR);
            line.join("C1", CRITICAL);
            line.join("C2", CRITICAL);
            line.join("C3", CRITICAL);
            assertThat(line.releaseOne()).as("1st hand-off (waiting: R1, C1 C2 C3)").isEqualTo("C1");
            line.join("R2", REGULAR);
            assertThat(line.releaseEach(4))
                    .as("the next hand-offs (waiting: R1 passed over once, C2 C3, then R2 arrived; maxPassOvers 1)")
                    .containsExactly("R1", "C2", "R2", "C3");
        }
    }
}
