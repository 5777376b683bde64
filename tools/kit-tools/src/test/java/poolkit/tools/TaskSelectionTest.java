package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SortedSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.tasks.TaskNumber;

@DisplayName("progress --task N chooses one README task's test classes")
class TaskSelectionTest {

    private static final List<String> EXERCISE_3 = List.of("Tasks 1 and 2: one pool per workload, over one database",
            "Tasks 3 to 5: the trading repository, on H2", "Tasks 3 to 5: the trading repository, on PostgreSQL",
            "The bulkheads hold: a full pool stops only its own workload (Tasks 1 to 5)");

    @Test
    @DisplayName("a number or 'scenarios'; anything else is a usage error that says what to give")
    void parse() {
        assertThat(TaskSelection.parse("3")).isEqualTo(new TaskSelection(3));
        assertThat(TaskSelection.parse("scenarios").task()).isEqualTo(TaskNumber.AFTER_LAST);
        assertThatThrownBy(() -> TaskSelection.parse("three")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--task 3");
        assertThatThrownBy(() -> TaskSelection.parse("")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--task needs");
    }

    @Test
    @DisplayName("tools/progress reads --task's value, wherever it stands")
    void option() {
        Options options = Options.parse(List.of("--task", "3", "exercise-1", "--watch"));
        assertThat(options.values()).containsEntry("--task", "3");
        assertThat(options.arguments()).containsExactly("exercise-1");
        assertThat(options.flag("--watch")).isTrue();
    }

    @Test
    @DisplayName("the test JVM gets the task as -Dpoolkit.task, the property test-support's TaskFilter reads")
    void mavenArgument() {
        assertThat(new TaskSelection(3).mavenArgument()).isEqualTo("-Dpoolkit.task=3");
        assertThat(new TaskSelection(TaskNumber.AFTER_LAST).mavenArgument()).isEqualTo("-Dpoolkit.task=scenarios");
        assertThat(TaskNumber.selected("scenarios")).hasValue(TaskNumber.AFTER_LAST);
    }

    @Test
    @DisplayName("a class belongs to the highest task it names: 'Tasks 3 to 5' is Task 5's, a scenario comes last")
    void groups() {
        SortedSet<Integer> tasks = TaskSelection.tasksOf(EXERCISE_3);
        assertThat(tasks).containsExactly(2, 5);
        TaskSelection five = new TaskSelection(5);
        assertThat(EXERCISE_3.stream().filter(five::includes)).hasSize(3);
        assertThat(EXERCISE_3.stream().filter(five::isEarlier)).containsExactly(EXERCISE_3.get(0));
        assertThat(TaskSelection.tasksOf(List.of("Task 1: a", "Task 2: b", "Scenario: c")))
                .containsExactly(1, 2, TaskNumber.AFTER_LAST);
    }

    @Test
    @DisplayName("a task the module has no tests for is refused, naming the module's tasks")
    void unknownTask() {
        SortedSet<Integer> tasks = TaskSelection.tasksOf(List.of("Task 1: a", "Task 2: b", "Task 3: c", "Scenario: d"));
        new TaskSelection(2).checkIn("exercise-1-basic-pool", tasks);
        assertThatThrownBy(() -> new TaskSelection(9).checkIn("exercise-1-basic-pool", tasks))
                .isInstanceOf(UsageException.class)
                .hasMessage("exercise-1-basic-pool has no tests for Task 9: its tasks are 1 to 3"
                        + " (--task scenarios runs the scenario tests)");
        assertThat(TaskSelection.describe(TaskSelection.tasksOf(EXERCISE_3))).isEqualTo("2 and 5");
    }
}
