package poolkit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.tasks.TaskNumber;

@DisplayName("The task of a test class is the highest task its display name mentions")
class TaskNumberTest {

    @Test
    @DisplayName("one task, a range, a pair, a scenario that needs a range")
    void highestMentioned() {
        assertThat(TaskNumber.of("Task 3: borrowing a connection")).isEqualTo(3);
        assertThat(TaskNumber.of("Task 12: many tasks")).isEqualTo(12);
        assertThat(TaskNumber.of("Tasks 3 to 5: the trading repository, on H2")).isEqualTo(5);
        assertThat(TaskNumber.of("Tasks 3-5 on PostgreSQL: a real primary and its streaming replica")).isEqualTo(5);
        assertThat(TaskNumber.of("Tasks 1 and 2: one pool per workload, over one database")).isEqualTo(2);
        assertThat(TaskNumber.of("Scenario (Tasks 1-5): the benchmark on PostgreSQL")).isEqualTo(5);
        assertThat(TaskNumber.of("The bulkheads hold: a full pool stops only its own workload (Tasks 1 to 5)"))
                .isEqualTo(5);
    }

    @Test
    @DisplayName("other numbers in the name do not count")
    void otherNumbersIgnored() {
        assertThat(TaskNumber.of("Task 3: exact counters while 50 threads x 200 acquisitions go through the pool"))
                .isEqualTo(3);
        assertThat(TaskNumber.of("Task 1: the lesson's file opens 10 trades, 20 market data and 5 risk connections"))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("a name with no task comes after the last task")
    void scenariosLast() {
        assertThat(TaskNumber.of("Scenario: 1000 concurrent trades through the pool")).isEqualTo(TaskNumber.AFTER_LAST);
        assertThat(TaskNumber.of("Real faults on PostgreSQL")).isEqualTo(TaskNumber.AFTER_LAST);
        assertThat(TaskNumber.of("PoolStartTest")).isEqualTo(TaskNumber.AFTER_LAST);
        assertThat(TaskNumber.of(null)).isEqualTo(TaskNumber.AFTER_LAST);
        assertThat(TaskNumber.name(TaskNumber.AFTER_LAST)).isEqualTo("Scenarios");
        assertThat(TaskNumber.name(4)).isEqualTo("Task 4");
    }

    @Test
    @DisplayName("-Dpoolkit.task: blank runs everything, a number or 'scenarios' chooses, anything else is refused")
    void selection() {
        assertThat(TaskNumber.selected(null)).isEmpty();
        assertThat(TaskNumber.selected(" ")).isEmpty();
        assertThat(TaskNumber.selected("3")).isEqualTo(OptionalInt.of(3));
        assertThat(TaskNumber.selected(" 7 ")).isEqualTo(OptionalInt.of(7));
        assertThat(TaskNumber.selected("scenarios")).isEqualTo(OptionalInt.of(TaskNumber.AFTER_LAST));
        for (String wrong : new String[] {"0", "-1", "three", "3,4", "99999"}) {
            assertThatThrownBy(() -> TaskNumber.selected(wrong)).as("-Dpoolkit.task=%s", wrong)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a task").hasMessageContaining("-Dpoolkit.task=3");
        }
    }
}
