package poolkit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import poolkit.testsupport.PostgresChoice;

/**
 * The whole benchmark, small, on the real thing: PostgreSQL 17 demanding SCRAM passwords over TCP. (The server
 * refuses to start the benchmark unless a wrong password is rejected, so this also proves authentication is on.)
 */
@Tag("postgres")
@DisplayName("Scenario (Tasks 1-4): the benchmark on PostgreSQL with SCRAM authentication")
class BenchmarkScenarioTest {

    private static BenchmarkDatabase database;

    @BeforeAll
    static void startPostgres() {
        Assumptions.assumeFalse(PostgresChoice.current() instanceof PostgresChoice.None,
                "PostgreSQL tests are switched off (" + PostgresChoice.PROPERTY + "=none)");
        database = BenchmarkDatabase.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    @DisplayName("3 strategies x 2 loads x 2 repeats: every request recorded, connections counted, reports written")
    void smallBenchmark(@TempDir Path out) throws Exception {
        ConnectionSource physical = database.newConnectionSource();
        long rowsBefore = database.tradeCount();
        Benchmark.Plan plan = new Benchmark.Plan(Strategy.parseList("none,reference:1:10,hikari:1:10"),
                List.of(10, 40), 2, 10, 5, Workload.INSERT);

        List<Measurement> measurements = new Benchmark(plan, physical, line -> { }).run();

        assertThat(measurements).as("measurements (3 strategies x 2 loads x 2 repeats)").hasSize(12);
        for (Measurement m : measurements) {
            String run = m.strategy() + " at " + m.load() + ", repeat " + m.repeat();
            assertThat(m.result().succeeded()).as("%s: successful requests (first error: %s)", run,
                    m.result().firstError()).isEqualTo(m.load());
            if (m.strategy().equals("none")) {
                assertThat(m.connectionsOpened()).as("%s: connections opened, one per request", run)
                        .isEqualTo(m.load());
            } else {
                assertThat(m.connectionsOpened()).as("%s: connections opened by a pool of at most 10", run)
                        .isBetween(1L, 10L);
            }
        }
        long inserted = 3 * 5 + 2 * (10 + 40) * 3;
        assertThat(database.tradeCount() - rowsBefore).as("rows the warm-up and the runs inserted").isEqualTo(inserted);

        List<Summary> summaries = Summary.of(measurements);
        assertThat(summaries).as("summaries, one per strategy and load").hasSize(6)
                .allSatisfy(summary -> assertThat(summary.runs()).as("runs of %s", summary.strategy()).isEqualTo(2));
        Reports.writeCsv(out.resolve("results.csv"), measurements);
        Reports.writeJson(out.resolve("results.json"), summaries);
        Chart.writeSvg(out.resolve("chart.svg"), summaries);
        assertThat(Files.readAllLines(out.resolve("results.csv"))).as("CSV lines").hasSize(13);
        assertThat(Json.parse(Files.readString(out.resolve("results.json")))).as("JSON summaries")
                .asList().hasSize(6);
        assertThat(Reports.table(summaries)).as("the console table").contains("hikari:1:10");
        assertThat(out.resolve("chart.svg")).as("the chart").isNotEmptyFile();
    }
}
