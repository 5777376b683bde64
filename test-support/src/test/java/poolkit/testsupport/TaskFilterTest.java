package poolkit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import poolkit.tasks.TaskNumber;

@DisplayName("-Dpoolkit.task keeps only the chosen task's test classes")
class TaskFilterTest {

    @Test
    @DisplayName("Task 3 keeps the Task 3 classes, nested tests included, and drops the rest")
    void keepsOneTask() {
        assertThat(testsDiscovered(OptionalInt.of(3)))
                .containsExactlyInAnyOrder("Task3Sample.borrows", "Task3Sample.Inner.nestedBorrows",
                        "AnotherTask3Sample.alsoBorrows");
    }

    @Test
    @DisplayName("a class for Tasks 3 to 5 belongs to Task 5; scenarios run with 'scenarios'")
    void rangesAndScenarios() {
        assertThat(testsDiscovered(OptionalInt.of(5))).containsExactly("Tasks3To5Sample.needsFive");
        assertThat(testsDiscovered(OptionalInt.of(TaskNumber.AFTER_LAST))).containsExactly("ScenarioSample.endToEnd");
        assertThat(testsDiscovered(OptionalInt.of(9))).isEmpty();
    }

    @Test
    @DisplayName("without the property every test is kept")
    void noTaskKeepsAll() {
        assertThat(testsDiscovered(OptionalInt.empty())).hasSize(5);
    }

    /** The tests JUnit would run, as "Class.method", with the filter for the given task. */
    private static List<String> testsDiscovered(OptionalInt task) {
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Task3Sample.class), selectClass(AnotherTask3Sample.class),
                        selectClass(Tasks3To5Sample.class), selectClass(ScenarioSample.class))
                .filters(new TaskFilter(task))
                .build();
        TestPlan plan = LauncherFactory.create().discover(request);
        List<String> tests = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier test : plan.getDescendants(root)) {
                test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                        .ifPresent(method -> tests.add(method.getClassName()
                                .substring(TaskFilterTest.class.getName().length() + 1).replace('$', '.')
                                + "." + method.getMethodName()));
            }
        }
        return tests;
    }

    // Sample test classes: static nested, so neither surefire nor JUnit runs them except through the launcher above.

    @DisplayName("Task 3: borrowing")
    static class Task3Sample {
        @Test
        void borrows() {
        }

        @Nested
        @DisplayName("returning, nested")
        class Inner {
            @Test
            void nestedBorrows() {
            }
        }
    }

    @DisplayName("Task 3: who gets a connection")
    static class AnotherTask3Sample {
        @Test
        void alsoBorrows() {
        }
    }

    @DisplayName("Tasks 3 to 5: the repository")
    static class Tasks3To5Sample {
        @Test
        void needsFive() {
        }
    }

    @DisplayName("Scenario: 1000 trades")
    static class ScenarioSample {
        @Test
        void endToEnd() {
        }
    }
}
