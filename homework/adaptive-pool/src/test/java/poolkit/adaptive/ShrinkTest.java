package poolkit.adaptive;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static poolkit.adaptive.Decision.Action.GROW;
import static poolkit.adaptive.Decision.Action.HOLD;
import static poolkit.adaptive.Decision.Action.SHRINK;
import static poolkit.adaptive.Rig.QUIET_PERIOD;
import static poolkit.adaptive.Rig.SLOW_QUERY;

@DisplayName("Task 4: the controller shrinks the pool when connections sit idle")
class ShrinkTest {

    @Test
    @DisplayName("after a burst grew it to 6, a quiet pool shrinks step by step back to the floor of 2, and no lower")
    void shrinksBackToTheFloor() throws Exception {
        try (Rig rig = new Rig(Rig.config().build(), 2)) {
            for (Decision.Action expected : List.of(GROW, GROW, HOLD)) { // 2 -> 4 -> 6, then at the ceiling
                rig.burst(8, SLOW_QUERY);
                Decision decision = rig.controller.tick();
                assertThat(decision.action()).as("decision after a burst of 8: %s", decision).isEqualTo(expected);
                rig.ticker.advance(QUIET_PERIOD);
            }
            assertThat(rig.pool.stats().total()).as("connections open after the bursts").isEqualTo(6);

            List<Integer> limits = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Decision decision = rig.controller.tick();
                limits.add(rig.pool.limit());
                assertThat(rig.pool.stats().total()).as("connections open after %s", decision)
                        .isLessThanOrEqualTo(rig.pool.limit());
                rig.ticker.advance(QUIET_PERIOD);
            }
            assertThat(limits).as("the limit after each quiet step (shrinkStep 1, floor 2)")
                    .containsExactly(5, 4, 3, 2, 2, 2);
            assertThat(rig.factory.open()).as("physical connections still open at the floor").isEqualTo(2);
        }
    }

    @Test
    @DisplayName("while every connection is in use it does not shrink, even though nobody waited")
    void noShrinkWhileAllInUse() throws Exception {
        try (Rig rig = new Rig(Rig.config().build(), 4)) {
            List<Connection> held = rig.hold(4);
            try {
                Decision decision = rig.controller.tick();
                assertThat(decision.action()).as("decision with all 4 connections lent: %s", decision).isEqualTo(HOLD);
                assertThat(decision.peakInUse()).as("peak in use the decision saw: %s", decision).isEqualTo(4);
            } finally {
                Rig.giveBack(held);
            }
            assertThat(rig.pool.limit()).as("limit").isEqualTo(4);
        }
    }

    @Test
    @DisplayName("it shrinks no further than the connections that were in use: with 3 of 6 lent, shrinkStep 10 stops at 3")
    void shrinksNoLowerThanInUse() throws Exception {
        try (Rig rig = new Rig(Rig.config().shrinkStep(10).build(), 6)) {
            List<Connection> held = rig.hold(3);
            try {
                Decision decision = rig.controller.tick();
                assertThat(decision.action()).as("decision with 3 of 6 connections lent: %s", decision)
                        .isEqualTo(SHRINK);
                assertThat(decision.toLimit()).as("limit after shrinking with 3 connections in use: %s", decision)
                        .isEqualTo(3);
            } finally {
                Rig.giveBack(held);
            }
        }
    }

    @Test
    @DisplayName("a shrinkStep longer than the way down stops at the floor: from 6, nothing in use, shrinkStep 10, to 2")
    void bigShrinkStepStopsAtTheFloor() throws Exception {
        try (Rig rig = new Rig(Rig.config().shrinkStep(10).build(), 6)) {
            Decision decision = rig.controller.tick();
            assertThat(decision.action()).as("decision with 6 connections allowed and none in use: %s", decision)
                    .isEqualTo(SHRINK);
            assertThat(decision.toLimit()).as("limit after shrinking by up to 10 from 6 with floor 2 (never below "
                    + "the floor): %s", decision).isEqualTo(2);
            assertThat(rig.pool.limit()).as("the pool's limit after the SHRINK").isEqualTo(2);
        }
    }

    @Test
    @DisplayName("idle connections do not make it shrink while the window still holds waits above the target")
    void noShrinkWhileRecentWaitsAreLong() throws Exception {
        try (Rig rig = new Rig(Rig.config().minSamples(100).build(), 4)) {
            rig.burst(6, SLOW_QUERY); // 2 of 6 waited 300 ms: too few samples to grow, too slow to shrink
            rig.controller.tick();
            Decision idleButRecentWaits = rig.controller.tick();
            assertThat(idleButRecentWaits.action())
                    .as("decision with every connection idle, but the window's p95 wait at 300 ms: %s",
                            idleButRecentWaits)
                    .isEqualTo(HOLD);

            rig.ticker.advance(QUIET_PERIOD);
            Decision quiet = rig.controller.tick();
            assertThat(quiet.action()).as("decision once those waits slid out of the window: %s", quiet)
                    .isEqualTo(SHRINK);
        }
    }

    @Test
    @DisplayName("a p95 exactly at the target is on target, even over fewer than minSamples borrows: an idle pool shrinks")
    void fewWaitsAtTargetStillShrink() throws Exception {
        try (Rig rig = new Rig(Rig.config().minSamples(5).build(), 3)) {
            rig.burst(4, Duration.ofMillis(100)); // 3 hold the connections, 1 waits exactly the 100 ms target
            Decision allInUse = rig.controller.tick();
            assertThat(allInUse.waits().p95()).as("p95 wait of the 4 borrows: %s", allInUse)
                    .isEqualTo(Duration.ofMillis(100));
            assertThat(allInUse.action()).as("decision right after the burst, all 3 connections were in use: %s",
                    allInUse).isEqualTo(HOLD);

            Decision idle = rig.controller.tick();
            assertThat(idle.action())
                    .as("decision with nothing in use since the last tick and a p95 wait of exactly the 100 ms "
                            + "target over 4 borrows (minSamples 5): at or below the target is rule 3's quiet pool, "
                            + "so it shrinks; only a p95 above the target with too few samples holds: %s", idle)
                    .isEqualTo(SHRINK);
            assertThat(rig.pool.limit()).as("limit after shrinking from 3 by shrinkStep 1").isEqualTo(2);
        }
    }
}
