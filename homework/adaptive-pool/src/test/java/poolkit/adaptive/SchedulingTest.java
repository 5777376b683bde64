package poolkit.adaptive;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static poolkit.adaptive.Rig.QUIET_PERIOD;
import static poolkit.adaptive.Rig.SLOW_QUERY;

@DisplayName("Task 5: in production the controller ticks by itself on a scheduler")
class SchedulingTest {

    @Test
    @DisplayName("start() ticks on the scheduler until close(), which cancels the ticks but leaves the scheduler running")
    void ticksUntilClosed() throws Exception {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        scheduler.setRemoveOnCancelPolicy(true); // a cancelled tick leaves the queue at once
        try (Rig rig = new Rig(Rig.config().build(), 2)) {
            rig.burst(8, SLOW_QUERY);
            rig.controller.start(scheduler, Duration.ofMillis(10));
            await("a scheduled tick to grow the pool after the burst").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(rig.pool.limit())
                            .as("limit once the scheduled ticks have seen the burst (resizes: %s)",
                                    rig.controller.history()).isEqualTo(4));

            rig.controller.close();
            await("the controller's ticks to leave the scheduler after close()").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(scheduler.getQueue())
                            .as("ticks still scheduled after close(): cancel the scheduled task").isEmpty());
            assertThat(scheduler.isShutdown()).as("the scheduler was shut down by the controller's close()").isFalse();
            assertThat(rig.controller.history()).as("resizes: one GROW, then the cool-down held").hasSize(1);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    @DisplayName("a scheduled tick that throws (here, a resize listener) does not stop the ticks that follow")
    void keepsTickingAfterAFailure() throws Exception {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        try (Rig rig = new Rig(Rig.config().build(), 2)) {
            AtomicInteger heard = new AtomicInteger();
            rig.controller.onResize(decision -> {
                heard.incrementAndGet();
                throw new IllegalStateException("a resize listener that always fails, on purpose (SchedulingTest): "
                        + decision);
            });
            rig.burst(8, SLOW_QUERY);
            rig.controller.start(scheduler, Duration.ofMillis(10));
            // The listener's failures reach the thread's uncaught-exception handler, as they should: Awaitility
            // would take them for the test's own failures unless told not to look.
            await("a scheduled tick to grow the pool after the burst").atMost(Duration.ofSeconds(30))
                    .dontCatchUncaughtExceptions()
                    .untilAsserted(() -> assertThat(rig.pool.limit()).as("limit").isEqualTo(4));

            rig.ticker.advance(QUIET_PERIOD); // the cool-down is over, and nothing is in use: the next tick shrinks
            await("a scheduled tick to shrink the quiet pool, after the tick whose listener threw")
                    .atMost(Duration.ofSeconds(30)).dontCatchUncaughtExceptions()
                    .untilAsserted(() -> {
                        assertThat(rig.pool.limit())
                                .as("limit: a periodic task that throws is never run again, unless it catches")
                                .isEqualTo(3);
                        assertThat(heard).as("resizes the failing listener heard (the GROW, then the SHRINK)")
                                .hasValue(2);
                    });
            rig.controller.close();
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    @DisplayName("close() stops listening to the pool's waits: the controller's wait listener is removed")
    void closeStopsListening() throws Exception {
        try (Rig rig = new Rig(Rig.config().build(), 2)) {
            assertThat(rig.pool.waitListenerCount()).as("wait listeners on the pool of a running controller")
                    .isEqualTo(1);
            rig.controller.close();
            assertThat(rig.pool.waitListenerCount())
                    .as("wait listeners left on the pool after close() (removeWaitListener needs the very object "
                            + "you added: a second `window::record` is a different object)")
                    .isZero();
        }
    }

    @Test
    @DisplayName("starting twice, or after close(), is refused with an IllegalStateException")
    void startOnlyOnce() throws Exception {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        try (Rig rig = new Rig(Rig.config().build(), 2)) {
            rig.controller.start(scheduler, Duration.ofSeconds(1));
            assertThatThrownBy(() -> rig.controller.start(scheduler, Duration.ofSeconds(1)))
                    .as("a second start(): the message must say it is already started")
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("start");
            rig.controller.close();
            rig.controller.close(); // a second close() does nothing
            assertThatThrownBy(() -> rig.controller.start(scheduler, Duration.ofSeconds(1)))
                    .as("start() after close(): the message must say the controller is closed")
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("close");
        } finally {
            scheduler.shutdownNow();
        }
    }
}
