package poolkit.adaptive;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static poolkit.adaptive.Decision.Action.GROW;
import static poolkit.adaptive.Decision.Action.SHRINK;
import static poolkit.adaptive.Rig.QUIET_PERIOD;
import static poolkit.adaptive.Rig.SLOW_QUERY;

@DisplayName("Task 5: every resize is an observable event")
class EventsTest {

    @Test
    @DisplayName("history() lists each GROW and SHRINK, oldest first, with the figures behind it; HOLDs are not in it")
    void historyOfResizes() throws Exception {
        try (Rig rig = new Rig(Rig.config().build(), 2)) {
            rig.burst(8, SLOW_QUERY);
            long grewAt = rig.ticker.nanoTime();
            rig.controller.tick();                      // GROW 2 -> 4
            rig.controller.tick();                      // HOLD: cooling down
            rig.ticker.advance(QUIET_PERIOD);
            long shrankAt = rig.ticker.nanoTime();
            rig.controller.tick();                      // SHRINK 4 -> 3

            List<Decision> history = rig.controller.history();
            assertThat(history).as("resize history after a GROW, a HOLD and a SHRINK").hasSize(2);
            Decision grow = history.get(0);
            assertThat(grow.action()).as("first resize: %s", grow).isEqualTo(GROW);
            assertThat(List.of(grow.fromLimit(), grow.toLimit())).as("limits of the GROW: %s", grow)
                    .containsExactly(2, 4);
            assertThat(grow.waits().p95()).as("p95 wait behind the GROW: %s", grow).isEqualTo(SLOW_QUERY);
            assertThat(grow.waits().samples()).as("samples behind the GROW: %s", grow).isEqualTo(8);
            assertThat(grow.peakInUse()).as("peak in use behind the GROW: %s", grow).isEqualTo(2);
            assertThat(grow.atNanos()).as("time of the GROW, by the pool's ticker").isEqualTo(grewAt);
            assertThat(grow.reason()).as("reason of the GROW").isNotBlank();

            Decision shrink = history.get(1);
            assertThat(shrink.action()).as("second resize: %s", shrink).isEqualTo(SHRINK);
            assertThat(List.of(shrink.fromLimit(), shrink.toLimit())).as("limits of the SHRINK: %s", shrink)
                    .containsExactly(4, 3);
            assertThat(shrink.peakInUse()).as("peak in use behind the SHRINK: %s", shrink).isZero();
            assertThat(shrink.atNanos()).as("time of the SHRINK, by the pool's ticker").isEqualTo(shrankAt);
            assertThat(shrink.reason()).as("reason of the SHRINK").isNotBlank();
        }
    }

    @Test
    @DisplayName("a SHRINK carries the figures it looked at: the borrows in the window and the peak in use")
    void shrinkCarriesItsFigures() throws Exception {
        try (Rig rig = new Rig(Rig.config().build(), 4)) {
            rig.quickBorrows(5); // one after the other: 5 borrows, none waited, 1 connection in use at most
            long shrankAt = rig.ticker.nanoTime();
            rig.controller.tick();

            List<Decision> history = rig.controller.history();
            assertThat(history).as("resize history after 5 quick borrows on a pool of 4").hasSize(1);
            Decision shrink = history.get(0);
            assertThat(shrink.action()).as("the resize: %s", shrink).isEqualTo(SHRINK);
            assertThat(List.of(shrink.fromLimit(), shrink.toLimit())).as("limits of the SHRINK: %s", shrink)
                    .containsExactly(4, 3);
            assertThat(shrink.waits().samples()).as("borrows behind the SHRINK (the window it looked at): %s", shrink)
                    .isEqualTo(5);
            assertThat(shrink.waits().p95()).as("p95 wait behind the SHRINK: %s", shrink).isEqualTo(Duration.ZERO);
            assertThat(shrink.peakInUse()).as("peak in use behind the SHRINK: %s", shrink).isEqualTo(1);
            assertThat(shrink.atNanos()).as("time of the SHRINK, by the pool's ticker").isEqualTo(shrankAt);
        }
    }

    @Test
    @DisplayName("listeners hear of each resize as it happens, and of nothing else")
    void listenersHearResizes() throws Exception {
        try (Rig rig = new Rig(Rig.config().build(), 2)) {
            List<Decision> heard = new CopyOnWriteArrayList<>();
            rig.controller.onResize(heard::add);

            rig.controller.tick(); // nothing happened yet: at the floor, HOLD
            assertThat(heard).as("events heard after a HOLD").isEmpty();

            rig.burst(8, SLOW_QUERY);
            Decision grow = rig.controller.tick();
            assertThat(heard).as("events heard after a GROW").containsExactly(grow);
            assertThat(rig.controller.history()).as("history after a GROW").containsExactly(grow);
        }
    }
}
