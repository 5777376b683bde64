package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskNumbersTest {

    @Test
    void aTaskGroupIsOrderedByItsTask() {
        assertThat(TaskNumbers.order("Task 3: borrowing a connection")).isEqualTo(3);
        assertThat(TaskNumbers.order("Tasks 3-5: the monitor")).isEqualTo(3);
        assertThat(TaskNumbers.order("Scenario (Tasks 1-5)")).as("a scenario sorts last").isEqualTo(Integer.MAX_VALUE);
        assertThat(TaskNumbers.order("Scenario: a day of trades")).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void theFirstTaskNamedAnywhere() {
        assertThat(TaskNumbers.first("Task 12: x")).isEqualTo(12);
        assertThat(TaskNumbers.first("Scenario (Tasks 1-5)")).isEqualTo(1);
        assertThat(TaskNumbers.first("Scenario: a day of trades")).isEqualTo(-1);
        assertThat(TaskNumbers.first("Multitasking 3")).as("a word that only ends in 'task'").isEqualTo(-1);
    }
}
