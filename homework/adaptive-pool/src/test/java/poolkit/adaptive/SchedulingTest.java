package poolkit.adaptive;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
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
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(rig.pool.limit()).as("limit once the scheduled ticks have seen the burst").isEqualTo(4));

            rig.controller.close();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(scheduler.getQueue()).as("ticks still scheduled after close()").isEmpty());
            assertThat(scheduler.isShutdown()).as("the scheduler was shut down by the controller's close()").isFalse();
            assertThat(rig.controller.history()).as("resizes: one GROW, then the cool-down held").hasSize(1);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    @DisplayName("starting twice, or after close(), is refused with an IllegalStateException")
    void startOnlyOnce() throws Exception {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        try (Rig rig = new Rig(Rig.config().build(), 2)) {
            rig.controller.start(scheduler, Duration.ofSeconds(1));
            assertThatThrownBy(() -> rig.controller.start(scheduler, Duration.ofSeconds(1)))
                    .as("a second start()").isInstanceOf(IllegalStateException.class);
            rig.controller.close();
            rig.controller.close(); // a second close() does nothing
            assertThatThrownBy(() -> rig.controller.start(scheduler, Duration.ofSeconds(1)))
                    .as("start() after close()").isInstanceOf(IllegalStateException.class);
        } finally {
            scheduler.shutdownNow();
        }
    }
}
