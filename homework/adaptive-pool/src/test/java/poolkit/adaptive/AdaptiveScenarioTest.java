package poolkit.adaptive;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.TestDatabase;
import poolkit.testsupport.TestDatabases;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static poolkit.adaptive.Decision.Action.GROW;
import static poolkit.adaptive.Decision.Action.SHRINK;
import static poolkit.adaptive.Rig.QUIET_PERIOD;
import static poolkit.adaptive.Rig.SLOW_QUERY;

/** The whole story on real databases: a sustained burst of slow queries, then quiet. */
@DisplayName("Scenario: the pool follows a burst of slow queries up to the ceiling and back down to the floor")
class AdaptiveScenarioTest {

    private static final int FLOOR = 2;
    private static final int CEILING = 8;
    private static final int BORROWERS = 8;

    @Test
    @DisplayName("on H2: grows 2 -> 8 while borrowers wait, the wait falls to 0, then shrinks back to 2")
    void onH2() throws Exception {
        burstThenQuiet(TestDatabases::h2);
    }

    @Test
    @Tag("postgres")
    @DisplayName("on PostgreSQL: grows 2 -> 8 while borrowers wait, the wait falls to 0, then shrinks back to 2")
    void onPostgres() throws Exception {
        burstThenQuiet(TestDatabases::postgres);
    }

    /** The database is made after the configuration, so an unfinished Task 1 fails before PostgreSQL starts. */
    private static void burstThenQuiet(Supplier<TestDatabase> database) throws Exception {
        AdaptiveConfig config = Rig.config().floor(FLOOR).ceiling(CEILING).build();
        try (Rig rig = new Rig(database.get(), config, FLOOR)) {
            List<Duration> p95PerRound = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                rig.burst(BORROWERS, SLOW_QUERY);
                Decision decision = rig.controller.tick();
                p95PerRound.add(decision.waits().p95());
                assertThat(rig.pool.limit()).as("limit after burst %d: %s", round + 1, decision)
                        .isBetween(FLOOR, CEILING);
                rig.ticker.advance(QUIET_PERIOD);
            }
            assertThat(rig.pool.limit()).as("limit after 5 bursts of %d borrowers", BORROWERS).isEqualTo(CEILING);
            assertThat(p95PerRound.get(0)).as("p95 wait of the first burst, behind %d connections", FLOOR)
                    .isEqualTo(SLOW_QUERY);
            assertThat(p95PerRound.get(4)).as("p95 wait of the last burst, once the pool had grown (per burst: %s)",
                    p95PerRound).isEqualTo(Duration.ZERO);
            assertThat(rig.factory.peakOpen()).as("most physical connections open at once (ceiling %d)", CEILING)
                    .isLessThanOrEqualTo(CEILING);

            for (int quietStep = 0; quietStep < 10; quietStep++) {
                rig.controller.tick();
                assertThat(rig.pool.limit()).as("limit while quiet").isGreaterThanOrEqualTo(FLOOR);
                rig.ticker.advance(QUIET_PERIOD);
            }
            assertThat(rig.pool.limit()).as("limit after 10 quiet steps").isEqualTo(FLOOR);
            assertThat(rig.factory.open()).as("physical connections open once quiet (floor %d)", FLOOR)
                    .isEqualTo(FLOOR);
            assertThat(rig.controller.history()).extracting(Decision::action)
                    .as("resizes over the whole story")
                    .containsExactly(GROW, GROW, GROW, SHRINK, SHRINK, SHRINK, SHRINK, SHRINK, SHRINK);
        }
    }
}
