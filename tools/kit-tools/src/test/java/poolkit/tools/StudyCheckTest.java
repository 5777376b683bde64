package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyCheckTest {

    @TempDir
    Path root;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void aKitWithOneExerciseThatCanBeStudiedAlone() throws IOException {
        write("pom.xml", """
                <project><modules>
                  <module>test-support</module>
                  <module>exercise-1-demo</module>
                  <module>solutions/exercise-1-demo</module>
                </modules></project>
                """);
        write("exercise-1-demo/README.md", """
                # Demo
                Run `./mvnw test -pl exercise-1-demo`. The answer is in solutions/exercise-1-demo.
                ### Task 1: borrow
                BorrowTest checks it.
                <details><summary>Hint</summary>use a queue</details>
                """);
        write("exercise-1-demo/src/main/java/demo/Pool.java", "class Pool { void borrow() { NotImplemented.task(1, \"borrow\"); } }");
        write("exercise-1-demo/src/given/java/demo/NotImplemented.java",
                "class NotImplemented { static String m(int n) { return \"Read exercise-1-demo/README.md, section \\\"Task \" + n; } }");
        write("exercise-1-demo/src/test/java/demo/BorrowTest.java", "@DisplayName(\"Task 1: borrow\") class BorrowTest {}");
    }

    @Test
    void everyExerciseOfTheRootPomByDefaultAndOkWhenNothingIsMissing() throws IOException {
        assertThat(StudyCheck.run(root, List.of(), out())).isZero();
        assertThat(text()).as("the exercises of the root pom, not test-support or the solutions")
                .containsPattern("exercise-1-demo +ok").doesNotContain("test-support").doesNotContain("solutions/exercise");
    }

    @Test
    void aTaskThatATestNamesButTheReadmeDoesNotIsAGap() throws IOException {
        write("exercise-1-demo/src/test/java/demo/ReturnTest.java", "@DisplayName(\"Task 2: return\") class ReturnTest {}");
        assertThat(StudyCheck.run(root, List.of("exercise-1-demo/"), out())).isEqualTo(1);
        assertThat(text()).contains("1 gap(s)")
                .contains("Task 2 is named by a test but the README has no \"### Task 2\" section");
    }

    @Test
    void aReadmeWithoutHintsOrTheSolutionsPlaceHasGaps() throws IOException {
        write("exercise-1-demo/README.md", "# Demo\n### Task 1: borrow\nBorrowTest checks it.\n");
        assertThat(StudyCheck.run(root, List.of("exercise-1-demo"), out())).isEqualTo(1);
        assertThat(text()).contains("README has no hints in <details> blocks")
                .contains("README does not say where the solution is (solutions/exercise-1-demo)")
                .contains("README does not show the command that runs the module's tests");
    }

    private PrintStream out() {
        return new PrintStream(printed, true, StandardCharsets.UTF_8);
    }

    private String text() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
