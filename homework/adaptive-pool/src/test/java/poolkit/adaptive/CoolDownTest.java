package poolkit.adaptive;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static poolkit.adaptive.Decision.Action.GROW;
import static poolkit.adaptive.Decision.Action.HOLD;
import static poolkit.adaptive.Decision.Action.SHRINK;
import static poolkit.adaptive.Rig.SLOW_QUERY;

@DisplayName("Task 4: a cool-down between resizes keeps the pool from thrashing")
class CoolDownTest {

    private static final Duration COOL_DOWN = Duration.ofSeconds(5);
    private static final Duration STEP = Duration.ofMillis(1100); // longer than the 1 s window

    @Test
    @DisplayName("a spike makes it grow once; right after, an idle pool holds until the cool-down is over, then shrinks")
    void spikeThenQuiet() throws Exception {
        try (Rig rig = new Rig(Rig.config().coolDown(COOL_DOWN).build(), 2)) {
            rig.burst(8, SLOW_QUERY);
            assertThat(rig.controller.tick().action()).as("decision after the spike").isEqualTo(GROW);

            for (int i = 1; i <= 4; i++) {
                rig.ticker.advance(STEP);
                Decision decision = rig.controller.tick();
                assertThat(decision.action()).as("decision %d ms after the GROW (coolDown 5000 ms): %s",
                        i * STEP.toMillis(), decision).isEqualTo(HOLD);
            }
            rig.ticker.advance(STEP); // 5.5 s after the GROW
            Decision afterCoolDown = rig.controller.tick();
            assertThat(afterCoolDown.action()).as("decision 5500 ms after the GROW: %s", afterCoolDown)
                    .isEqualTo(SHRINK);
        }
    }

    @Test
    @DisplayName("the cool-down ends exactly coolDown after the last resize: it holds while now - lastResize < coolDown")
    void coolDownEndsOnTime() throws Exception {
        try (Rig rig = new Rig(Rig.config().coolDown(COOL_DOWN).build(), 2)) {
            rig.burst(8, SLOW_QUERY);
            assertThat(rig.controller.tick().action()).as("decision after the spike").isEqualTo(GROW);

            rig.ticker.advance(COOL_DOWN.minusNanos(1));
            Decision justBefore = rig.controller.tick();
            assertThat(justBefore.action()).as("decision 1 ns before the 5 s cool-down is over, nothing in use: %s",
                    justBefore).isEqualTo(HOLD);
            rig.ticker.advance(Duration.ofNanos(1));
            Decision onTime = rig.controller.tick();
            assertThat(onTime.action()).as("decision exactly 5 s (coolDown) after the GROW, nothing in use: %s",
                    onTime).isEqualTo(SHRINK);
        }
    }

    @Test
    @DisplayName("under sustained waits it grows again only once per cool-down, not on every tick")
    void sustainedPressureGrowsOncePerCoolDown() throws Exception {
        try (Rig rig = new Rig(Rig.config().ceiling(20).coolDown(COOL_DOWN).build(), 2)) {
            List<Decision.Action> actions = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                rig.burst(rig.pool.limit() + 6, SLOW_QUERY); // always 6 more borrowers than connections
                actions.add(rig.controller.tick().action());
                rig.ticker.advance(STEP);
            }
            // A tick every 1.4 s (1.1 s between bursts, 0.3 s of slow queries in each): at 0, 1.4, 2.8, 4.2, 5.6
            // and 7.0 s. The 5 s cool-down allows a GROW at 0 and the next one at 5.6 s.
            assertThat(actions).as("decisions under 6 sustained bursts, one tick every 1.4 s, coolDown 5 s")
                    .containsExactly(GROW, HOLD, HOLD, HOLD, GROW, HOLD);
        }
    }

    @Test
    @DisplayName("a load that flips between bursts and quiet on every tick never resizes twice within a cool-down")
    void flappingLoadDoesNotThrash() throws Exception {
        Duration coolDown = Duration.ofSeconds(3);
        try (Rig rig = new Rig(Rig.config().coolDown(coolDown).build(), 2)) {
            List<Decision> resizes = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                if (i % 2 == 0) {
                    rig.burst(rig.pool.limit() + 4, SLOW_QUERY);
                }
                Decision decision = rig.controller.tick();
                if (decision.resized()) {
                    resizes.add(decision);
                }
                assertThat(rig.pool.limit()).as("limit after %s (floor 2, ceiling 6)", decision).isBetween(2, 6);
                rig.ticker.advance(STEP);
            }
            assertThat(resizes).as("resizes under a load that flips every tick").isNotEmpty();
            for (int i = 1; i < resizes.size(); i++) {
                long apart = resizes.get(i).atNanos() - resizes.get(i - 1).atNanos();
                assertThat(Duration.ofNanos(apart)).as("time between %s and %s (coolDown 3 s)",
                        resizes.get(i - 1), resizes.get(i)).isGreaterThanOrEqualTo(coolDown);
            }
        }
    }

    @Test
    @DisplayName("with a cool-down shorter than the window, the waits that caused a GROW do not cause another")
    void waitsBeforeAResizeAreForgotten() throws Exception {
        try (Rig rig = new Rig(Rig.config().window(Duration.ofSeconds(10)).coolDown(Duration.ofSeconds(1)).build(),
                2)) {
            rig.burst(8, SLOW_QUERY);
            assertThat(rig.controller.tick().action()).as("decision after the spike").isEqualTo(GROW);

            rig.ticker.advance(STEP); // the 1 s cool-down is over; the 10 s window still spans the spike
            Decision next = rig.controller.tick();
            assertThat(next.action())
                    .as("decision 1.1 s after the GROW, nobody having borrowed since: the 300 ms waits in the window "
                            + "were measured at the old limit of 2 and say nothing about the limit of 4; clear the "
                            + "window after a resize, or the same waits grow the pool again at every tick: %s", next)
                    .isNotEqualTo(GROW);
            assertThat(rig.pool.limit()).as("the pool's limit after that tick").isLessThanOrEqualTo(4);
        }
    }
}
