package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @TempDir
    Path dir;

    static TestResult t(String group, String method, Status status) {
        return new TestResult("p.X", method, group, method, status, status == Status.PASSED ? null : "expected 1 but was 2");
    }

    static final Tampering NONE = new Tampering(List.of(), List.of(), List.of(), List.of(), List.of(), 3);

    Points points(String text) throws IOException {
        return Points.load(Files.writeString(dir.resolve("p.properties"), text));
    }

    ModuleRun partlySolved() {
        return new ModuleRun("exercise-1", List.of(t("Task 1: config", "a", Status.PASSED), t("Task 1: config", "b", Status.PASSED),
                t("Task 2: start", "c", Status.PASSED), t("Task 2: start", "d", Status.FAILED), t("Task 2: start", "e", Status.FAILED)), null);
    }

    @Test
    void oneClassroomEntryPerTaskGroupWithPartialCreditAndEveryFieldTheReporterReads() throws IOException {
        Points points = points("");
        Graded g = Grader.score("exercise-1", partlySolved(), points, List.of());
        String json = new Report("exercises", List.of(g), NONE, null).classroom();
        assertThat(json).startsWith("{\"version\": 1, \"status\": \"fail\", \"max_score\": 5, \"tests\": [")
                .contains("{\"name\": \"exercise-1 · Task 1: config (2 / 2 tests, 2 / 2 points)\", \"status\": \"pass\", \"score\": 2, \"line_no\": 0,")
                .contains("{\"name\": \"exercise-1 · Task 2: start (1 / 3 tests, 1 / 3 points)\", \"status\": \"fail\", \"score\": 1, \"line_no\": 0,")
                .doesNotContain("undefined");
    }

    @Test
    void scaledScoresAreQuartersThatAddUpToTheModule() throws IOException {
        Graded g = Grader.score("exercise-1", partlySolved(), points("module.exercise-1 = 10\n"), List.of());
        assertThat(g.score()).containsExactly(6.0, 10.0);
        String json = new Report("exercises", List.of(g), NONE, null).classroom();
        assertThat(json).contains("\"max_score\": 10,").contains("\"score\": 4,").contains("\"score\": 2,");
        assertThat(Report.quarters(new double[] {3.333, 3.333, 3.334}, 10)).containsExactly(3.25, 3.25, 3.5);
        assertThat(Report.quarters(new double[] {0.1, 0.2}, 0.3)).containsExactly(0.0, 0.25);
    }

    @Test
    void aTamperedModuleScoresZeroOfItsFullMaximumAndSaysWhy() throws IOException {
        Graded g = Grader.score("exercise-1", partlySolved(), points(""), List.of("surefire's reports disagree with Maven's run"));
        assertThat(g.score()).containsExactly(0.0, 5.0);
        Report report = new Report("exercises", List.of(g), NONE, null);
        assertThat(report.classroom()).doesNotContain("\"score\": 1").contains("\"max_score\": 5")
                .contains("exercise-1: 0 points, tampering: surefire's reports disagree");
        assertThat(report.table()).contains("TAMPERING in exercise-1");
        assertThat(report.json()).contains("\"points\": 0, \"maxPoints\": 5,").contains("\"tampered\": [\"surefire's reports disagree with Maven's run\"]");

        Graded reported = Grader.score("exercise-1", partlySolved(), points("tampering = report-only\n"), List.of("x"));
        assertThat(reported.score()).containsExactly(3.0, 5.0);
    }

    @Test
    void aModuleWithoutTestsIsNeverAPass() throws IOException {
        Graded g = Grader.score("exercise-1", new ModuleRun("exercise-1", List.of(), "no test reports found"),
                points("module.exercise-1 = 20\n"), List.of());
        assertThat(g.score()).containsExactly(0.0, 20.0);
        assertThat(g.complete()).isFalse();
        String json = new Report("exercises", List.of(g), NONE, null).classroom();
        assertThat(json).contains("\"status\": \"fail\"").contains("\"max_score\": 20").contains("(0 / 20 points)");
    }
}
