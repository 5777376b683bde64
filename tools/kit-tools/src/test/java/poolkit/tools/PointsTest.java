package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PointsTest {

    @TempDir
    Path dir;

    static TestResult test(String className, String method, Status status) {
        return new TestResult(className, method, "Task 1: x", method, status, null);
    }

    @Test
    void oneTestOneClassOrTheDefault() throws IOException {
        Points points = load("""
                test.default = 2
                test.a.B = 0.5   # a comment after the value
                test.a.B#special = 5
                """);
        assertThat(points.of(test("a.C", "x", Status.PASSED))).isEqualTo(2);
        assertThat(points.of(test("a.B", "x", Status.PASSED))).isEqualTo(0.5);
        assertThat(points.of(test("a.B", "special(int)[1]", Status.PASSED))).as("parameters ignored").isEqualTo(5);
        assertThat(Points.load(dir.resolve("none")).of(test("a.C", "x", Status.PASSED))).isEqualTo(1);
    }

    @Test
    void aFixedModuleTotalScalesItsTests() throws IOException {
        Points points = load("module.exercise-1 = 10\n");
        ModuleRun run = new ModuleRun("exercise-1", List.of(test("a.B", "x", Status.PASSED),
                test("a.B", "y", Status.FAILED), test("a.B", "z", Status.FAILED)), null);
        assertThat(points.score("exercise-1", run)).containsExactly(3.33, 10.0);
        assertThat(points.score("exercise-2", run)).containsExactly(1.0, 3.0);
    }

    @Test
    void aTypoFailsAtOnceNamingTheKey() throws IOException {
        assertThatThrownBy(() -> load("test.default = one\n")).isInstanceOf(UsageException.class)
                .hasMessageContaining("test.default").hasMessageContaining("not a number");
    }

    private Points load(String text) throws IOException {
        return Points.load(Files.writeString(dir.resolve("points.properties"), text));
    }
}
