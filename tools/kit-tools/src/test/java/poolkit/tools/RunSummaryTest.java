package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    static final List<String> OUTPUT = List.of(
            "[INFO] -----------------< dev.poolkit:exercise-1-basic-pool >------------------",
            "[INFO] Building Exercise 1: a basic connection pool 1.0-SNAPSHOT",
            "[INFO] Running poolkit.basic.PoolConfigTest",
            "[ERROR] Tests run: 3, Failures: 1, Errors: 1, Skipped: 0, Time elapsed: 0.503 s <<< FAILURE! -- in Task 1: the configuration is validated",
            "[INFO] Tests run: 2, Failures: 0, Errors: 0, Skipped: 1, Time elapsed: 0.1 s -- in Scenario: 1000 trades, on H2",
            "[INFO] Results:",
            "[ERROR] Tests run: 5, Failures: 1, Errors: 1, Skipped: 1",
            "[INFO] ------------------< dev.poolkit:exercise-2-monitoring >-------------------",
            "[ERROR] COMPILATION ERROR :");

    static SurefireReports.Case c(String group, Status status) {
        return new SurefireReports.Case("poolkit.basic.X", "m", group, status, null);
    }

    static List<SurefireReports.Case> honest() {
        return List.of(c("Task 1: the configuration is validated", Status.PASSED),
                c("Task 1: the configuration is validated", Status.FAILED),
                c("Task 1: the configuration is validated", Status.FAILED),
                c("Scenario: 1000 trades, on H2", Status.PASSED), c("Scenario: 1000 trades, on H2", Status.SKIPPED));
    }

    @Test
    void readsEachModulesClassLinesAndItsSummary() {
        Map<String, RunSummary.Module> modules = RunSummary.parse(OUTPUT);
        RunSummary.Module first = modules.get("exercise-1-basic-pool");
        assertThat(first.byClass()).containsEntry("Task 1: the configuration is validated", new RunSummary.Counts(3, 1, 1, 0))
                .containsEntry("Scenario: 1000 trades, on H2", new RunSummary.Counts(2, 0, 0, 1));
        assertThat(first.summaries()).containsExactly(new RunSummary.Counts(5, 1, 1, 1));
        assertThat(modules.get("exercise-2-monitoring").byClass()).isEmpty();
    }

    @Test
    void honestReportsAgreeWithTheRun() {
        assertThat(RunSummary.disagreements(RunSummary.parse(OUTPUT).get("exercise-1-basic-pool"), honest())).isEmpty();
        assertThat(RunSummary.disagreements(null, List.of())).as("a module that did not compile, no reports").isEmpty();
    }

    @Test
    void reportsRewrittenToPassDisagree() {
        List<SurefireReports.Case> rewritten = honest().stream().map(x -> c(x.classname(), Status.PASSED)).toList();
        assertThat(RunSummary.disagreements(RunSummary.parse(OUTPUT).get("exercise-1-basic-pool"), rewritten))
                .anyMatch(d -> d.contains("Task 1: the configuration is validated") && d.contains("3 passed")
                        && d.contains("Maven's run said 3 run, 1 passed, 2 failed"));
    }

    @Test
    void reportsWithNoRunAndRunsWithNoReportsDisagree() {
        assertThat(RunSummary.disagreements(null, honest())).isNotEmpty();
        assertThat(RunSummary.disagreements(RunSummary.parse(OUTPUT).get("exercise-1-basic-pool"), List.of())).hasSize(2);
    }

    @Test
    void aForgedLineAddsASecondSummaryOrBreaksTheSum() {
        List<String> forged = new ArrayList<>(OUTPUT);
        forged.add(4, "[INFO] Tests run: 3, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.1 s -- in Task 1: the configuration is validated");
        List<SurefireReports.Case> matching = new ArrayList<>(honest());
        matching.addAll(List.of(c("Task 1: the configuration is validated", Status.PASSED),
                c("Task 1: the configuration is validated", Status.PASSED), c("Task 1: the configuration is validated", Status.PASSED)));
        assertThat(RunSummary.disagreements(RunSummary.parse(forged).get("exercise-1-basic-pool"), matching))
                .containsExactly("Maven's summary (5 run, 2 passed, 2 failed, 1 skipped) is not the sum of its test classes"
                        + " (8 run, 5 passed, 2 failed, 1 skipped)");
        forged.add("[INFO] Tests run: 8, Failures: 1, Errors: 1, Skipped: 1");
        List<String> twice = new ArrayList<>(forged.subList(0, 8));
        twice.add("[INFO] Tests run: 8, Failures: 1, Errors: 1, Skipped: 1");
        assertThat(RunSummary.disagreements(RunSummary.parse(twice).get("exercise-1-basic-pool"), matching))
                .anyMatch(d -> d.contains("2 test summaries"));
    }
}
