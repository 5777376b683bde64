package poolkit.tools.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.tools.ModuleRun;
import poolkit.tools.Status;
import poolkit.tools.TestResult;

@DisplayName("CheckStages: which results a stage must show")
class CheckStagesTest {

    static TestResult test(String className, String group, Status status) {
        return new TestResult(className, "m" + status, group, "a test", status, status == Status.FAILED ? "not implemented yet" : null);
    }

    @Test
    @DisplayName("tasks up to the next stubbed one must pass (skipped counts); later classes must each fail somewhere")
    void judgesByTaskAndClass() {
        ModuleRun run = new ModuleRun("m", List.of(
                test("A", "Task 1: config", Status.PASSED),
                test("B", "Task 2: lend", Status.SKIPPED),
                test("C", "Tasks 2 to 4: mixed", Status.PASSED),
                test("C", "Tasks 2 to 4: mixed", Status.FAILED),
                test("D", "Scenario: everything", Status.FAILED)), null);

        assertThat(CheckStages.judge("m", 1, 3, 0, run).problems()).isEmpty();
    }

    @Test
    @DisplayName("a test of a task done that fails, or a later class that already passes, is a problem naming the class")
    void reportsBothDirections() {
        ModuleRun run = new ModuleRun("m", List.of(
                test("A", "Task 1: config", Status.FAILED),
                test("B", "Task 5: later", Status.PASSED),
                test("D", "Scenario: everything", Status.PASSED)), null);

        assertThat(CheckStages.judge("m", 1, 2, 0, run).problems())
                .hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("Task 1: config").contains("needs a later task"))
                .anySatisfy(p -> assertThat(p).contains("Task 5: later").contains("before Task 5"))
                .anySatisfy(p -> assertThat(p).contains("Scenario: everything").contains("before Scenarios"));
    }

    @Test
    @DisplayName("a run with no test results at all is a problem")
    void noResults() {
        assertThat(CheckStages.judge("m", 1, 2, 0, new ModuleRun("m", List.of(), "does not compile")).problems())
                .singleElement().asString().contains("does not compile");
    }
}
