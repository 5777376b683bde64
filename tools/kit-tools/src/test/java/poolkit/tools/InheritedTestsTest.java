package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class's inherited tests are declared tests: exercise 1's ConnectionResetTest runs test-support's
 * ConnectionResetContract's five tests as its own, so a run that reports none of them must cost their points.
 */
@DisplayName("Tests a class inherits from a shared contract count as its declared tests")
class InheritedTestsTest {

    @TempDir
    Path root;

    private Kit kit;

    @BeforeEach
    void aKitWithAContractInTestSupport() throws IOException {
        write("test-support/src/main/java/poolkit/testsupport/ResetContract.java", """
                package poolkit.testsupport;

                /** Not an abstract class in the test's own sources: in test-support. */
                public abstract class ResetContract {
                    @Test
                    @DisplayName("isolation is set back")
                    void isolationIsReset() {
                    }

                    @Test
                    @DisplayName("the schema is set back")
                    void schemaIsReset() {
                    }

                    @Test
                    void overridden() {
                    }
                }
                """);
        write("exercise-1/src/test/java/poolkit/basic/ResetTest.java", """
                package poolkit.basic;

                import poolkit.testsupport.ResetContract;

                @DisplayName("Task 4: settings are set back")
                class ResetTest extends ResetContract {
                    @Test
                    @DisplayName("read-only is set back (H2)")
                    void readOnlyIsResetOnH2() {
                    }

                    @Test
                    @Override
                    void overridden() {
                    }
                }
                """);
        write("exercise-1/src/test/java/poolkit/basic/BaseScenario.java", """
                package poolkit.basic;

                abstract class BaseScenario {
                    @Test
                    void trades() {
                    }
                }
                """);
        write("exercise-1/src/test/java/poolkit/basic/ScenarioTest.java", """
                package poolkit.basic;

                @DisplayName("Scenario (Tasks 1-5)")
                class ScenarioTest extends BaseScenario {
                }
                """);
        write("exercise-1/src/test/java/poolkit/basic/LibraryTest.java", """
                package poolkit.basic;

                class LibraryTest extends org.junit.SomeBase {
                    @Test
                    void own() {
                    }
                }
                """);
        kit = new Kit(root, List.of("test-support", "exercise-1"));
    }

    @Test
    @DisplayName("superclasses in test-support (imported) and in the same package are read; an overridden test counts once")
    void declaredTestsIncludeInheritedOnes() throws IOException {
        assertThat(TestSources.declaredTests(kit.testSources("exercise-1"), kit.sharedTestSources()))
                .containsEntry("poolkit.basic.ResetTest", List.of("isolationIsReset", "schemaIsReset", "overridden", "readOnlyIsResetOnH2"))
                .containsEntry("poolkit.basic.ScenarioTest", List.of("trades"))
                .containsEntry("poolkit.basic.LibraryTest", List.of("own"))
                .doesNotContainKey("poolkit.basic.BaseScenario");
        assertThat(TestSources.displayNames(kit.testSources("exercise-1"), kit.sharedTestSources(), "poolkit.basic.ResetTest"))
                .containsEntry("class", "Task 4: settings are set back")
                .containsEntry("isolationIsReset", "isolation is set back");
    }

    @Test
    @DisplayName("a run that reported only the class's own test has the inherited ones as not run, in the reported task group")
    void inheritedTestsWithNoResultAreNotRun() throws IOException {
        write("exercise-1/target/surefire-reports/TEST-poolkit.basic.ResetTest.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="poolkit.basic.ResetTest" tests="1" failures="0" errors="0" skipped="0">
                  <testcase name="readOnlyIsResetOnH2" classname="Task 4: settings are set back (as surefire named it)"/>
                </testsuite>
                """);

        ModuleRun run = TestRuns.collect(kit, "exercise-1", List.of());

        assertThat(run.tests()).filteredOn(t -> t.className().equals("poolkit.basic.ResetTest"))
                .extracting(TestResult::method, TestResult::group, TestResult::displayName, TestResult::status)
                .containsExactlyInAnyOrder(
                        tuple("readOnlyIsResetOnH2", "Task 4: settings are set back (as surefire named it)", "read-only is set back (H2)", Status.PASSED),
                        tuple("isolationIsReset", "Task 4: settings are set back (as surefire named it)", "isolation is set back", Status.NOT_RUN),
                        tuple("schemaIsReset", "Task 4: settings are set back (as surefire named it)", "the schema is set back", Status.NOT_RUN),
                        tuple("overridden", "Task 4: settings are set back (as surefire named it)", "overridden", Status.NOT_RUN));
        assertThat(run.tests()).filteredOn(t -> t.className().equals("poolkit.basic.ScenarioTest"))
                .extracting(TestResult::group, TestResult::status).containsExactly(tuple("Scenario (Tasks 1-5)", Status.NOT_RUN));
        assertThat(run.problem()).startsWith("5 declared test(s) reported no result");
    }

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
