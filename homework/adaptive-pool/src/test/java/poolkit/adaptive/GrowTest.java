package poolkit.adaptive;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.basic.PoolConfig;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static poolkit.adaptive.Decision.Action.GROW;
import static poolkit.adaptive.Decision.Action.HOLD;
import static poolkit.adaptive.Rig.QUIET_PERIOD;
import static poolkit.adaptive.Rig.SLOW_QUERY;

@DisplayName("Task 3: the controller grows the pool while borrowers wait too long")
class GrowTest {

    @Test
    @DisplayName("a pool whose limit is outside [floor, ceiling] is refused, naming the limit and the range")
    void refusesPoolOutsideTheRange() throws Exception {
        TrackingConnectionFactory factory = new TrackingConnectionFactory(TestDatabases.h2());
        try (ResizablePool pool = new ResizablePool(PoolConfig.builder().minConnections(0).maxConnections(10).build(),
                factory::connect, new ManualTicker())) {
            assertThatThrownBy(() -> new AdaptiveController(pool, Rig.config().build()))
                    .as("a controller with floor 2 and ceiling 6 for a pool whose limit is 10")
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContainingAll("10", "6");
        }
        try (ResizablePool pool = new ResizablePool(PoolConfig.builder().minConnections(0).maxConnections(1).build(),
                factory::connect, new ManualTicker())) {
            assertThatExceptionOfType(IllegalArgumentException.class)
                    .as("a controller with floor 3 and ceiling 6 for a pool whose limit is 1 (below the floor)")
                    .isThrownBy(() -> new AdaptiveController(pool, Rig.config().floor(3).build()))
                    .withMessageContainingAll("1", "3");
        }
    }

    @Test
    @DisplayName("8 borrowers behind 2 connections, 6 of them waiting 300 ms (target 100 ms): it grows by growStep")
    void growsUnderWaits() throws Exception {
        try (Rig rig = new Rig(Rig.config().build(), 2)) {
            rig.burst(8, SLOW_QUERY);
            Decision decision = rig.controller.tick();

            assertThat(decision.action()).as("decision after 6 of 8 borrowers waited 300 ms: %s", decision)
                    .isEqualTo(GROW);
            assertThat(decision.fromLimit()).as("limit before: %s", decision).isEqualTo(2);
            assertThat(decision.toLimit()).as("limit after growing by growStep 2: %s", decision).isEqualTo(4);
            assertThat(rig.pool.limit()).as("the pool's limit after the GROW").isEqualTo(4);
            assertThat(decision.waits().samples()).as("borrows the decision looked at: %s", decision).isEqualTo(8);
            assertThat(decision.waits().p95()).as("p95 wait the decision looked at: %s", decision)
                    .isEqualTo(SLOW_QUERY);
            assertThat(decision.reason()).as("the decision's reason").isNotBlank();
        }
    }

    @Test
    @DisplayName("it never grows past the ceiling: with ceiling 5 it goes 2 -> 4 -> 5, then holds")
    void neverAboveCeiling() throws Exception {
        try (Rig rig = new Rig(Rig.config().ceiling(5).build(), 2)) {
            int[] expectedLimits = {4, 5, 5, 5};
            for (int expected : expectedLimits) {
                rig.burst(8, SLOW_QUERY);
                Decision decision = rig.controller.tick();
                assertThat(rig.pool.limit()).as("limit after a burst of 8 with ceiling 5: %s", decision)
                        .isEqualTo(expected);
                rig.ticker.advance(QUIET_PERIOD);
            }
            assertThat(rig.factory.peakOpen()).as("most physical connections open at once (ceiling 5)")
                    .isLessThanOrEqualTo(5);
        }
    }

    @Test
    @DisplayName("once grown, the same burst waits no more: the p95 wait falls from 300 ms to 0")
    void waitFallsAfterGrowing() throws Exception {
        try (Rig rig = new Rig(Rig.config().build(), 2)) {
            rig.burst(6, SLOW_QUERY);
            Decision first = rig.controller.tick();
            rig.ticker.advance(QUIET_PERIOD);
            rig.burst(6, SLOW_QUERY);
            Decision second = rig.controller.tick();
            rig.ticker.advance(QUIET_PERIOD);
            rig.burst(6, SLOW_QUERY);
            Decision third = rig.controller.tick();

            assertThat(first.action()).as("after 6 borrowers behind 2 connections: %s", first).isEqualTo(GROW);
            assertThat(second.action()).as("after 6 borrowers behind 4 connections: %s", second).isEqualTo(GROW);
            assertThat(rig.pool.limit()).as("limit after two GROWs of 2 from 2").isEqualTo(6);
            assertThat(third.waits().p95()).as("p95 wait of 6 borrowers once the limit is 6: %s", third)
                    .isEqualTo(Duration.ZERO);
            assertThat(third.action()).as("decision when nobody waited and all 6 connections were in use: %s", third)
                    .isEqualTo(HOLD);
        }
    }

    @Test
    @DisplayName("one slow borrow among 21 quick ones does not make it grow: it follows the p95, not the worst wait")
    void loneSlowBorrowDoesNotGrow() throws Exception {
        try (Rig rig = new Rig(Rig.config().build(), 2)) {
            rig.quickBorrows(19);
            rig.burst(3, SLOW_QUERY); // 2 get the 2 connections at once, 1 waits 300 ms
            Decision decision = rig.controller.tick();
            assertThat(decision.waits().max()).as("longest wait in the window: %s", decision).isEqualTo(SLOW_QUERY);
            assertThat(decision.action()).as("decision after 1 slow borrow among 22: %s", decision).isEqualTo(HOLD);
            assertThat(rig.pool.limit()).as("limit").isEqualTo(2);
        }
    }

    @Test
    @DisplayName("fewer borrows than minSamples, however slow, do not make it grow")
    void tooFewSamples() throws Exception {
        try (Rig rig = new Rig(Rig.config().minSamples(10).build(), 2)) {
            rig.burst(5, SLOW_QUERY); // 3 of 5 wait 300 ms: p95 is 300 ms, but only 5 samples
            Decision decision = rig.controller.tick();
            assertThat(decision.action()).as("decision on 5 borrows with minSamples 10: %s", decision).isEqualTo(HOLD);
            assertThat(rig.pool.limit()).as("limit").isEqualTo(2);
        }
    }

    @Test
    @DisplayName("exactly minSamples borrows are enough: 8 borrows with minSamples 8, 6 of them waiting 300 ms, grow it")
    void exactlyMinSamplesIsEnough() throws Exception {
        try (Rig rig = new Rig(Rig.config().minSamples(8).build(), 2)) {
            rig.burst(8, SLOW_QUERY);
            Decision decision = rig.controller.tick();
            assertThat(decision.waits().samples()).as("borrows in the window: %s", decision).isEqualTo(8);
            assertThat(decision.action()).as("decision on 8 borrows with minSamples 8 (at least minSamples: "
                    + "8 is enough): %s", decision).isEqualTo(GROW);
        }
    }

    @Test
    @DisplayName("waits of exactly the target are on target: it does not grow")
    void waitsAtTargetDoNotGrow() throws Exception {
        try (Rig rig = new Rig(Rig.config().build(), 2)) {
            rig.burst(8, Duration.ofMillis(100));
            Decision decision = rig.controller.tick();
            assertThat(decision.waits().p95()).as("p95 wait").isEqualTo(Duration.ofMillis(100));
            assertThat(decision.action()).as("decision when the p95 wait equals the 100 ms target: %s", decision)
                    .isEqualTo(HOLD);
        }
    }
}
