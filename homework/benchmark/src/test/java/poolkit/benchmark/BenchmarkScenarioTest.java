package poolkit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
@DisplayName("Scenario (Tasks 1-5): the benchmark on PostgreSQL with SCRAM authentication")
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
    @DisplayName("3 strategies x 2 models x 2 loads x 2 repeats: every request recorded, connections counted, reports written")
    void smallBenchmark(@TempDir Path out) throws Exception {
        ConnectionSource physical = database.newConnectionSource();
        long rowsBefore = database.tradeCount();
        Benchmark.Plan plan = new Benchmark.Plan(Strategy.parseList("none,reference:1:10,hikari:1:10"),
                List.of(LoadModel.CLOSED, LoadModel.fixedRate(400)), List.of(10, 40), 2, 10, ThreadKind.PLATFORM, 5,
                Workload.INSERT, Duration.ZERO);

        List<Measurement> measurements = new Benchmark(plan, physical, line -> { }).run();

        assertThat(measurements).as("measurements (3 strategies x 2 models x 2 loads x 2 repeats)").hasSize(24);
        for (Measurement m : measurements) {
            String run = m.strategy() + ", " + m.model() + " at " + m.load() + ", repeat " + m.repeat();
            assertThat(m.result().succeeded()).as("%s: successful requests (first error: %s)", run,
                    m.result().firstError()).isEqualTo(m.load());
            assertThat(m.result().latencies().getTotalCount()).as("%s: latencies recorded", run).isEqualTo(m.load());
            if (m.strategy().equals("none")) {
                assertThat(m.connectionsOpened()).as("%s: connections opened, one per request", run)
                        .isEqualTo(m.load());
            } else {
                assertThat(m.connectionsOpened()).as("%s: connections opened by a pool of at most 10", run)
                        .isBetween(1L, 10L);
            }
        }
        long inserted = 3 * 5 + 2 * 2 * (10 + 40) * 3;
        assertThat(database.tradeCount() - rowsBefore).as("rows the warm-up and the runs inserted").isEqualTo(inserted);

        List<Summary> summaries = Summary.of(measurements);
        assertThat(summaries).as("summaries, one per strategy, model and load").hasSize(12)
                .allSatisfy(summary -> assertThat(summary.runs()).as("runs of %s", summary.strategy()).isEqualTo(2));
        Reports.writeCsv(out.resolve("results.csv"), measurements);
        Reports.writeJson(out.resolve("results.json"), summaries);
        Chart.writeSvg(out.resolve("chart.svg"), summaries);
        assertThat(Files.readAllLines(out.resolve("results.csv"))).as("CSV lines").hasSize(25);
        assertThat(Json.parse(Files.readString(out.resolve("results.json")))).as("JSON summaries")
                .asList().hasSize(12);
        assertThat(Reports.table(summaries)).as("the console table").contains("hikari:1:10").contains("open:400");
        assertThat(out.resolve("chart.svg")).as("the chart").isNotEmptyFile();
    }

    @Test
    @DisplayName("coordinated omission: a 300 ms table lock hits one request in 100 closed, ten in 100 open")
    void stallInBothModels() throws Exception {
        ConnectionSource physical = database.newConnectionSource();
        Benchmark.Plan plan = new Benchmark.Plan(Strategy.parseList("reference:4:4"),
                List.of(LoadModel.CLOSED, LoadModel.fixedRate(200)), List.of(400), 1, 4, ThreadKind.PLATFORM, 0,
                Workload.INSERT, Duration.ofMillis(300));

        List<Measurement> measurements = new Benchmark(plan, physical, line -> { }).run();

        RunResult closed = measurements.get(0).result();
        RunResult open = measurements.get(1).result();
        assertThat(measurements.get(1).model()).as("the second run's model").isEqualTo("open:200");
        for (RunResult result : List.of(closed, open)) {
            assertThat(result.succeeded()).as("successful requests (first error: %s)", result.firstError())
                    .isEqualTo(400);
            assertThat(LatencySummary.millis(result.latency().max())).as("the slowest request, ms: the one that "
                    + "held the lock 300 ms").isGreaterThanOrEqualTo(300);
        }
        // Open: the 40 requests meant to start in the 200 ms after the lock was taken all waited for it, well over
        // 100 ms each: a tenth of the run, so p99 shows it. Closed: the 4 workers stopped sending while the lock was
        // held, so only the few requests in flight then were slow, whatever the p99 says.
        assertThat(LatencySummary.millis(open.latency().p99())).as("p99 of the open run at 200 req/s, ms (closed "
                + "run: p99 %.1f ms, p99.9 %.1f ms)", LatencySummary.millis(closed.latency().p99()),
                LatencySummary.millis(closed.latency().p999())).isGreaterThanOrEqualTo(100);
    }

    @Test
    @DisplayName("2,000 virtual threads on PostgreSQL, through the reference pool and HikariCP with 10 connections")
    void virtualThreadsOnPostgres() throws Exception {
        Assumptions.assumeTrue(ThreadKind.VIRTUAL.isAvailable(), ThreadKind::unavailableReason);
        ConnectionSource physical = database.newConnectionSource();
        Benchmark.Plan plan = new Benchmark.Plan(Strategy.parseList("reference:10:10,hikari:10:10"),
                List.of(LoadModel.CLOSED), List.of(2000), 1, 1, ThreadKind.VIRTUAL, 0, Workload.SELECT, Duration.ZERO);

        List<Measurement> measurements = new Benchmark(plan, physical, line -> { }).run();

        for (Measurement m : measurements) {
            assertThat(m.result().succeeded()).as("%s: successful requests of 2,000 on virtual threads (first error: "
                    + "%s)", m.strategy(), m.result().firstError()).isEqualTo(2000);
            assertThat(m.connectionsOpened()).as("%s: connections opened", m.strategy()).isBetween(1L, 10L);
        }
    }
}
